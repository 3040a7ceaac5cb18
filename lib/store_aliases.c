/* store_aliases.c - user aliases in the store: the entities, places and
 * aliases tables hold the columns of docs/data-format.md, one row per alias
 * in `aliases`, so analysts can correct them with SQL; these functions move
 * them between TSV text, the tables and a cev_context. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "store.h"

static const char *const alias_notes[] = {"abbr", "demonym", "metonym", "translit", "former"};
static const char *const entity_cols[] = {"id",   "kind", "country", "affiliation",
                                          "from", "to",   "name",    "aliases"};
static const char *const place_cols[] = {"id",         "kind",   "country", "admin1", "lat",
                                         "lon",        "population", "parent", "name", "aliases"};
#define MAX_TSV_FIELDS 32

static const char *tsv_value(const char *s) { return !s || !*s || !strcmp(s, "-") ? NULL : s; }

static int put_aliases(cev_store *st, sqlite3_stmt *del, sqlite3_stmt *ins, const char *owner,
                       const char *id, char *list)
{
    cev_bind_text(del, 1, owner);
    cev_bind_text(del, 2, id);
    int rc = cev_store_step_done(st, del, "cannot store aliases");
    if (rc || !tsv_value(list))
        return rc;
    int seq = 0;
    for (char *a = list; a && rc == CEV_OK;) {
        char *bar = strchr(a, '|');
        if (bar)
            *bar = '\0';
        const char *note = NULL, *text = a;
        for (size_t k = 0; k < sizeof alias_notes / sizeof *alias_notes; k++) {
            size_t n = strlen(alias_notes[k]);
            if (!strncmp(a, alias_notes[k], n) && a[n] == ':') {
                note = alias_notes[k];
                text = a + n + 1;
            }
        }
        if (*text) {
            sqlite3_reset(ins);
            cev_bind_text(ins, 1, owner);
            cev_bind_text(ins, 2, id);
            cev_bind_text(ins, 3, text);
            cev_bind_text(ins, 4, note);
            sqlite3_bind_int(ins, 5, seq++);
            rc = cev_store_step_done(st, ins, "cannot store aliases");
        }
        a = bar ? bar + 1 : NULL;
    }
    return rc;
}

static int put_record(cev_store *st, sqlite3_stmt *rec, int places, char **v)
{
    int rc = SQLITE_OK;
    if (places) {
        rc |= cev_bind_text(rec, 1, tsv_value(v[0])) | cev_bind_text(rec, 2, tsv_value(v[1])) |
              cev_bind_text(rec, 3, tsv_value(v[2])) | cev_bind_text(rec, 4, tsv_value(v[3])) |
              cev_bind_text(rec, 8, tsv_value(v[7])) | cev_bind_text(rec, 9, tsv_value(v[8]));
        if (tsv_value(v[4]))
            rc |= sqlite3_bind_double(rec, 5, strtod(v[4], NULL));
        if (tsv_value(v[5]))
            rc |= sqlite3_bind_double(rec, 6, strtod(v[5], NULL));
        if (tsv_value(v[6]))
            rc |= sqlite3_bind_int64(rec, 7, strtoll(v[6], NULL, 10));
    } else {
        for (int k = 0; k < 7; k++)
            rc |= cev_bind_text(rec, k + 1, tsv_value(v[k]));
    }
    if (rc != SQLITE_OK)
        return cev_store_fail(st, rc, "cannot store aliases");
    return cev_store_step_done(st, rec, "cannot store aliases");
}

/* One TSV line split in place into fields; returns their number. */
static int split_tabs(char *line, char **f)
{
    int n = 0;
    for (char *p = line; n < MAX_TSV_FIELDS;) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static int put_tsv_lines(cev_store *st, int places, char *text, sqlite3_stmt *rec,
                         sqlite3_stmt *del, sqlite3_stmt *ins)
{
    const char *const *cols = places ? place_cols : entity_cols;
    int ncols = places ? 10 : 8, map[10], header = 0, nf_header = 0, line_no = 0, rc = CEV_OK;
    for (char *line = text; line && rc == CEV_OK;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        line_no++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[len - 1] = '\0';
        char *f[MAX_TSV_FIELDS];
        if (*line && *line != '#') {
            int nf = split_tabs(line, f);
            if (!header) {
                for (int k = 0; k < ncols; k++) {
                    map[k] = -1;
                    for (int j = 0; j < nf; j++)
                        if (!strcmp(f[j], cols[k]))
                            map[k] = j;
                    if (map[k] < 0)
                        return cev_err_set(&st->err, CEV_ERR_FORMAT, -1,
                                           "alias TSV: header has no '%s' column", cols[k]);
                }
                header = 1;
                nf_header = nf;
            } else if (nf != nf_header) {
                return cev_err_set(&st->err, CEV_ERR_FORMAT, -1,
                                   "alias TSV line %d: %d fields, the header has %d", line_no,
                                   nf, nf_header);
            } else {
                char *v[10];
                for (int k = 0; k < ncols; k++)
                    v[k] = f[map[k]];
                if (!tsv_value(v[0]))
                    return cev_err_set(&st->err, CEV_ERR_FORMAT, -1,
                                       "alias TSV line %d: no id", line_no);
                rc = put_record(st, rec, places, v);
                if (rc == CEV_OK)
                    rc = put_aliases(st, del, ins, places ? "place" : "entity", v[0],
                                     v[ncols - 1]);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    return rc;
}

int cev_store_put_aliases_tsv(cev_store *st, int places, const char *tsv)
{
    char *text = cev_strdup(tsv);
    if (!text)
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    const char *rec_sql =
        places ? "INSERT OR REPLACE INTO places(id, kind, country, admin1, lat, lon, population,"
                 " parent, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
               : "INSERT OR REPLACE INTO entities(id, kind, country, affiliation, valid_from,"
                 " valid_to, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    sqlite3_stmt *rec = NULL, *del = NULL, *ins = NULL;
    int rc = sqlite3_prepare_v2(st->db, rec_sql, -1, &rec, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, "DELETE FROM aliases WHERE owner = ?1 AND id = ?2", -1,
                                &del, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db,
                                "INSERT OR IGNORE INTO aliases(owner, id, alias, note, seq)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)",
                                -1, &ins, NULL);
    if (rc == SQLITE_OK)
        rc = put_tsv_lines(st, places, text, rec, del, ins);
    else
        rc = cev_store_fail(st, rc, "cannot store aliases");
    sqlite3_finalize(rec);
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    free(text);
    return rc;
}

/* A TSV field: "-" for nothing; tabs and line breaks (from SQL edits) would
 * break the line, so they become spaces. */
static void put_field(cev_buf *b, const char *s, int first)
{
    if (!first)
        cev_buf_putc(b, '\t');
    if (!s || !*s) {
        cev_buf_putc(b, '-');
        return;
    }
    for (; *s; s++)
        cev_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void put_number_field(cev_buf *b, sqlite3_stmt *s, int col)
{
    cev_buf_putc(b, '\t');
    switch (sqlite3_column_type(s, col)) {
    case SQLITE_NULL: cev_buf_putc(b, '-'); break;
    case SQLITE_INTEGER: cev_buf_printf(b, "%lld", (long long)sqlite3_column_int64(s, col)); break;
    default: cev_buf_printf(b, "%.6f", sqlite3_column_double(s, col)); break;
    }
}

static int put_alias_list(cev_store *st, sqlite3_stmt *al, const char *owner, const char *id,
                          cev_buf *b)
{
    sqlite3_reset(al);
    cev_bind_text(al, 1, owner);
    cev_bind_text(al, 2, id);
    cev_buf_putc(b, '\t');
    int rc, n = 0;
    while ((rc = sqlite3_step(al)) == SQLITE_ROW) {
        const char *alias = cev_col_text(al, 0), *note = cev_col_text(al, 1);
        if (!alias || !*alias)
            continue;
        if (n++)
            cev_buf_putc(b, '|');
        if (note && *note)
            cev_buf_printf(b, "%s:", note);
        for (const char *p = alias; *p; p++)
            cev_buf_putc(b, *p == '\t' || *p == '\n' || *p == '\r' || *p == '|' ? ' ' : *p);
    }
    if (!n)
        cev_buf_putc(b, '-');
    sqlite3_reset(al);
    return rc == SQLITE_DONE ? CEV_OK : cev_store_fail(st, rc, "cannot read aliases");
}

int cev_store_aliases_tsv(cev_store *st, int places, char **out)
{
    *out = NULL;
    const char *sql = places ? "SELECT id, kind, country, admin1, lat, lon, population, parent,"
                               " name FROM places ORDER BY id"
                             : "SELECT id, kind, country, affiliation, valid_from, valid_to,"
                               " name FROM entities ORDER BY id";
    sqlite3_stmt *s = NULL, *al = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db,
                                "SELECT alias, note FROM aliases WHERE owner = ?1 AND id = ?2"
                                " ORDER BY seq, alias",
                                -1, &al, NULL);
    if (rc != SQLITE_OK) {
        rc = cev_store_fail(st, rc, "cannot read aliases");
        sqlite3_finalize(s);
        return rc;
    }
    cev_buf b;
    cev_buf_init(&b);
    const char *const *cols = places ? place_cols : entity_cols;
    int ncols = places ? 10 : 8, rows = 0;
    for (int k = 0; k < ncols; k++)
        cev_buf_printf(&b, "%s%s", k ? "\t" : "", cols[k]);
    cev_buf_putc(&b, '\n');
    rc = CEV_OK;
    int src;
    while (rc == CEV_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        rows++;
        for (int k = 0; k < ncols - 1; k++) {
            if (places && (k == 4 || k == 5 || k == 6))
                put_number_field(&b, s, k);
            else
                put_field(&b, cev_col_text(s, k), k == 0);
        }
        rc = put_alias_list(st, al, places ? "place" : "entity", cev_col_text(s, 0), &b);
        cev_buf_putc(&b, '\n');
    }
    if (rc == CEV_OK && src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "cannot read aliases");
    sqlite3_finalize(s);
    sqlite3_finalize(al);
    if (rc == CEV_OK && b.oom)
        rc = cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    if (rc == CEV_OK && rows)
        *out = cev_buf_detach(&b);
    cev_buf_free(&b);
    return rc;
}

int cev_store_save_aliases(cev_store *st, const cev_context *ctx)
{
    if (!st)
        return CEV_ERR_INVALID;
    if (cev_store_enter(st))
        return st->err.code;
    if (!ctx)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "no context");
    if (cev_store_writable(st))
        return st->err.code;
    const char *ent = cev_ctx_user_entities_tsv(ctx), *plc = cev_ctx_user_places_tsv(ctx);
    if (!ent && !plc)
        return CEV_OK;
    int rc = cev_store_begin(st);
    if (rc)
        return rc;
    if (ent)
        rc = cev_store_put_aliases_tsv(st, 0, ent);
    if (rc == CEV_OK && plc)
        rc = cev_store_put_aliases_tsv(st, 1, plc);
    if (rc == CEV_OK)
        rc = cev_store_commit(st);
    if (rc != CEV_OK)
        cev_store_rollback(st);
    return rc;
}

int cev_store_load_aliases(cev_store *st, cev_context *ctx)
{
    if (!st)
        return CEV_ERR_INVALID;
    if (cev_store_enter(st))
        return st->err.code;
    if (!ctx)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "no context");
    for (int places = 0; places < 2; places++) {
        char *tsv;
        int rc = cev_store_aliases_tsv(st, places, &tsv);
        if (rc)
            return rc;
        if (!tsv)
            continue;
        rc = cev_context_load_buffer(ctx, tsv, strlen(tsv), CEV_FORMAT_TSV, "database");
        free(tsv);
        if (rc)
            return cev_err_set(&st->err, rc, -1, "cannot load the database's %s: %s",
                               places ? "places" : "entities", cev_context_errmsg(ctx));
    }
    return CEV_OK;
}
