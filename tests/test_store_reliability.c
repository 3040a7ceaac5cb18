/* test_store_reliability.c - the store under the things that happen to
 * databases: a process killed mid-write, two writers at once, files that
 * are not databases, are damaged, newer, read-only, full or locked.  The
 * rule each time: a clear error, and the file not damaged. */
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#include "conflictev.h"
#include "result.h"
#include "store.h"

#define EVENTS_PER_ARTICLE 20

static char tmpdir[256];

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/cev_rel_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'", tmpdir, tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "note: could not remove %s\n", tmpdir);
}

static const char *db_path(const char *name)
{
    static char buf[300];
    snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
    return buf;
}

/* An article of EVENTS_PER_ARTICLE events, different for every (writer, i). */
static int add_synthetic(cev_store *st, int writer, int i)
{
    cev_result *r = cev_result_create();
    if (!r)
        return CEV_ERR_NOMEM;
    for (int k = 0; k < EVENTS_PER_ARTICLE; k++) {
        cev_event *ev = cev_result_push(r);
        ev->type = 1 + (i + k) % 8;
        ev->location.id = cev_result_str(r, "SY:raqqa");
        ev->location.name = ev->location.text = cev_result_str(r, "Raqqa");
        ev->location.country = cev_result_str(r, "SY");
        ev->location.has_coords = 1;
        ev->location.lat = 35.0 + (k % 10) * 0.3;
        ev->location.lon = 38.0 + (i % 10) * 0.3;
        ev->location.precision = CEV_GEO_CITY;
        ev->date.start = ev->date.end = 20170601 + (i + k) % 28;
        ev->date.precision = CEV_DATE_DAY;
        ev->killed.min = ev->killed.max = k;
        ev->killed.text = cev_result_str(r, "some");
        ev->sentence = cev_result_str(r, "A sentence long enough to take some room in the file.");
    }
    char id[64], text[256];
    snprintf(id, sizeof id, "w%d-a%d", writer, i);
    snprintf(text, sizeof text, "Article %d of writer %d: some words to hash %d %d.", i, writer,
             i * 7, writer * 13);
    cev_article a = CEV_ARTICLE_INIT;
    a.id = id;
    a.text = text;
    a.len = strlen(text);
    a.published = "2017-06-30";
    int rc = cev_store_add(st, &a, r, NULL);
    cev_result_free(r);
    return rc;
}

static int64_t sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void assert_integrity(const char *path)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &s, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    /* The store's own invariants: a merged incident has reports and counts
     * them right; a lone report's id (its incident id) is no merged
     * incident's. */
    ck_assert_int_eq(sql_int(db, "SELECT count(*) FROM merged_incidents i WHERE n_reports !="
                                 " (SELECT count(*) FROM events e WHERE e.incident = i.id)"),
                     0);
    ck_assert_int_eq(sql_int(db, "SELECT count(*) FROM merged_incidents WHERE n_reports < 1"), 0);
    ck_assert_int_eq(sql_int(db, "SELECT count(*) FROM events e JOIN merged_incidents i"
                                 " ON i.id = e.id WHERE e.incident IS NULL"),
                     0);
    ck_assert_int_eq(sql_int(db, "SELECT count(*) FROM incidents"),
                     sql_int(db, "SELECT count(*) FROM merged_incidents") +
                         sql_int(db, "SELECT count(*) FROM events WHERE incident IS NULL"));
    ck_assert_int_eq(sql_int(db, "SELECT count(*) FROM articles a WHERE n_events !="
                                 " (SELECT count(*) FROM events e WHERE e.article = a.id)"),
                     0);
    sqlite3_close(db);
}

/* The whole file, to compare before and after. */
static char *slurp(const char *path, size_t *n)
{
    char *s = cev_test_read_file(path, n);
    ck_assert_msg(s != NULL, "cannot read %s", path);
    return s;
}

static void assert_same_bytes(const char *path, const char *before, size_t n_before)
{
    size_t n;
    char *after = slurp(path, &n);
    ck_assert_uint_eq(n, n_before);
    ck_assert_msg(memcmp(after, before, n) == 0, "%s changed", path);
    free(after);
}

/* A store with a few articles, closed (WAL checkpointed into the file). */
static void make_db(const char *path, int n)
{
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(add_synthetic(st, 0, i), CEV_OK);
    cev_store_close(st);
}

/* ---- killed in the middle of ingesting ---------------------------------- */

START_TEST(test_sigkill_mid_ingest)
{
    make_tmpdir();
    const char *path = db_path("k.db");
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        cev_store *st;
        if (cev_store_open(&st, path, 0))
            _exit(2);
        for (int i = 0;; i++) {
            if (add_synthetic(st, 0, i))
                _exit(3);
            /* Tell the parent this article is committed. */
            if (write(fds[1], &i, sizeof i) != (ssize_t)sizeof i)
                _exit(4);
        }
    }
    close(fds[1]);
    int last = -1, v;
    while (last < 40 && read(fds[0], &v, sizeof v) == (ssize_t)sizeof v)
        last = v;
    ck_assert_int_ge(last, 40);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    ck_assert(WIFSIGNALED(status));
    /* Whatever the child committed after our last read also counts. */
    while (read(fds[0], &v, sizeof v) == (ssize_t)sizeof v)
        last = v;
    close(fds[0]);
    assert_integrity(path);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    for (int i = 0; i <= last; i++) {
        char id[64];
        snprintf(id, sizeof id, "w0-a%d", i);
        cev_query q = CEV_QUERY_INIT;
        q.article_id = id;
        cev_result *r;
        ck_assert_int_eq(cev_store_query(&r, st, &q), CEV_OK);
        ck_assert_msg(cev_result_count(r) == EVENTS_PER_ARTICLE, "article %d has %zu events", i,
                      cev_result_count(r));
        cev_result_free(r);
    }
    /* An article cut in half is all there or not there at all. */
    ck_assert_int_eq(sql_int(st->db, "SELECT count(*) FROM articles WHERE n_events != 20"), 0);
    /* And the store goes on. */
    ck_assert_int_eq(add_synthetic(st, 1, 0), CEV_OK);
    cev_store_close(st);
    assert_integrity(path);
    remove_tmpdir();
}
END_TEST

/* ---- two writers and a reader at once -------------------------------------- */

#define PER_WRITER 60

START_TEST(test_concurrent_writers)
{
    make_tmpdir();
    const char *path = db_path("c.db");
    make_db(path, 0);
    pid_t pids[3];
    for (int w = 0; w < 3; w++) {
        pids[w] = fork();
        ck_assert_int_ge(pids[w], 0);
        if (pids[w])
            continue;
        cev_store *st;
        if (cev_store_open(&st, path, w == 2 ? CEV_STORE_READONLY : 0))
            _exit(2);
        int rc = 0;
        if (w < 2) {
            for (int i = 0; i < PER_WRITER && !rc; i++)
                rc = add_synthetic(st, w + 1, i);
        } else {
            /* The reader never waits for the writers, nor fails. */
            for (int i = 0; i < 200 && !rc; i++) {
                cev_result *r;
                cev_query q = CEV_QUERY_INIT;
                q.date_from = 20170601;
                q.date_to = 20170615;
                rc = cev_store_query(&r, st, &q);
                cev_result_free(r);
            }
        }
        if (rc)
            fprintf(stderr, "child %d: %s\n", w, cev_store_errmsg(st));
        cev_store_close(st);
        _exit(rc ? 1 : 0);
    }
    for (int w = 0; w < 3; w++) {
        int status;
        waitpid(pids[w], &status, 0);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d failed", w);
    }
    assert_integrity(path);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sql_int(db, "SELECT count(*) FROM articles"), 2 * PER_WRITER);
    ck_assert_int_eq(sql_int(db, "SELECT count(*) FROM events"),
                     2 * PER_WRITER * EVENTS_PER_ARTICLE);
    sqlite3_close(db);
    remove_tmpdir();
}
END_TEST

/* ---- files that are not (good) databases ------------------------------------- */

START_TEST(test_not_a_database)
{
    make_tmpdir();
    const char *path = db_path("text.db");
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 400; i++)
        fprintf(f, "This is a text file, line %d, not a database at all.\n", i);
    fclose(f);
    size_t n;
    char *before = slurp(path, &n);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_ERR_DB_CORRUPT);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "not a database"));
    cev_store_close(st);
    ck_assert_int_eq(cev_store_open(&st, path, CEV_STORE_READONLY), CEV_ERR_DB_CORRUPT);
    cev_store_close(st);
    assert_same_bytes(path, before, n);
    free(before);
    remove_tmpdir();
}
END_TEST

/* Overwrite `len` bytes at `off` with garbage. */
static void damage(const char *path, long off, size_t len)
{
    FILE *f = fopen(path, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, off, SEEK_SET), 0);
    for (size_t i = 0; i < len; i++)
        fputc((int)((i * 131 + 17) & 0xff), f);
    fclose(f);
}

START_TEST(test_corrupt_file)
{
    make_tmpdir();
    const char *path = db_path("bad.db");
    make_db(path, 30);
    /* The schema page (page 1 after its header): found at open. */
    damage(path, 100, 3000);
    size_t n;
    char *before = slurp(path, &n);
    cev_store *st;
    int rc = cev_store_open(&st, path, 0);
    ck_assert_int_eq(rc, CEV_ERR_DB_CORRUPT);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "malformed"));
    cev_store_close(st);
    assert_same_bytes(path, before, n);
    free(before);
    /* Data pages: open succeeds, reading them fails clearly. */
    path = db_path("bad2.db");
    make_db(path, 30);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    int64_t pages = sql_int(db, "PRAGMA page_count");
    sqlite3_close(db);
    damage(path, 4096 * (pages / 2), (size_t)4096 * (size_t)(pages / 2 - 1));
    before = slurp(path, &n);
    rc = cev_store_open(&st, path, 0);
    if (rc == CEV_OK) {
        cev_result *r;
        rc = cev_store_query(&r, st, NULL);
        cev_result_free(r);
        if (rc == CEV_OK)
            rc = add_synthetic(st, 5, 5);
    }
    ck_assert_int_eq(rc, CEV_ERR_DB_CORRUPT);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "malformed"));
    cev_store_close(st);
    assert_same_bytes(path, before, n);
    free(before);
    remove_tmpdir();
}
END_TEST

START_TEST(test_newer_schema)
{
    make_tmpdir();
    const char *path = db_path("new.db");
    make_db(path, 2);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    size_t n;
    char *before = slurp(path, &n);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_ERR_DB_VERSION);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "99"));
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "newer"));
    cev_store_close(st);
    ck_assert_int_eq(cev_store_open(&st, path, CEV_STORE_READONLY), CEV_ERR_DB_VERSION);
    cev_store_close(st);
    assert_same_bytes(path, before, n);
    free(before);
    remove_tmpdir();
}
END_TEST

/* An older file is migrated forward on open (version 0: an empty file). */
START_TEST(test_migrates_from_zero)
{
    make_tmpdir();
    const char *path = db_path("zero.db");
    FILE *f = fopen(path, "wb");
    fclose(f);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, CEV_STORE_READONLY), CEV_ERR_READONLY);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "upgraded"));
    cev_store_close(st);
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    ck_assert_int_eq(cev_store_schema_version(st), cev_store_known_version());
    cev_store_close(st);
    remove_tmpdir();
}
END_TEST

/* ---- read-only file ------------------------------------------------------------- */

/* Run in a child that cannot write the file (root can write anything, so a
 * root child becomes "nobody"). */
static int readonly_child(const char *path)
{
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
        return 10;
    if (access(path, W_OK) == 0)
        return 11;
    cev_store *st;
    int rc = cev_store_open(&st, path, 0);
    if (rc != CEV_ERR_READONLY || !strstr(cev_store_errmsg(st), "read-only"))
        return 12;
    cev_store_close(st);
    rc = cev_store_open(&st, path, CEV_STORE_READONLY);
    if (rc != CEV_OK) {
        fprintf(stderr, "read-only open: %s\n", cev_store_errmsg(st));
        return 13;
    }
    cev_result *r;
    rc = cev_store_query(&r, st, NULL);
    size_t n = cev_result_count(r);
    cev_result_free(r);
    if (rc != CEV_OK || n != 3 * EVENTS_PER_ARTICLE)
        return 14;
    if (add_synthetic(st, 9, 9) != CEV_ERR_READONLY)
        return 15;
    cev_store_close(st);
    return 0;
}

START_TEST(test_readonly_file)
{
    make_tmpdir();
    ck_assert_int_eq(chmod(tmpdir, 0755), 0);
    const char *path = db_path("ro.db");
    make_db(path, 3);
    ck_assert_int_eq(chmod(path, 0444), 0);
    size_t n;
    char *before = slurp(path, &n);
    /* In a directory the reader may not write too: no WAL index can be made. */
    for (int dir_writable = 0; dir_writable < 2; dir_writable++) {
        ck_assert_int_eq(chmod(tmpdir, dir_writable ? 0777 : 0755), 0);
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            int code = readonly_child(path);
            free(before); /* the parent's copy, for leak checkers */
            _exit(code);
        }
        int status;
        waitpid(pid, &status, 0);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                      "read-only child failed with %d (dir writable: %d)", WEXITSTATUS(status),
                      dir_writable);
    }
    assert_same_bytes(path, before, n);
    free(before);
    remove_tmpdir();
}
END_TEST

/* ---- full ------------------------------------------------------------------------- */

START_TEST(test_full_database)
{
    make_tmpdir();
    const char *path = db_path("full.db");
    make_db(path, 5);
    size_t n;
    char *before = slurp(path, &n);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    /* SQLite's own limit stands in for a full disk. */
    int64_t pages = sql_int(st->db, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages);
    ck_assert_int_eq(sqlite3_exec(st->db, sql, NULL, NULL, NULL), SQLITE_OK);
    int rc = CEV_OK;
    for (int i = 100; i < 400 && rc == CEV_OK; i++)
        rc = add_synthetic(st, 0, i);
    ck_assert_int_eq(rc, CEV_ERR_FULL);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "full"));
    /* Nothing of the failed article is left; earlier ones are whole. */
    ck_assert_int_eq(sql_int(st->db, "SELECT count(*) FROM articles WHERE n_events != 20"), 0);
    int64_t stored = sql_int(st->db, "SELECT count(*) FROM articles");
    cev_store_close(st);
    if (stored == 5)
        assert_same_bytes(path, before, n);
    free(before);
    assert_integrity(path);
    /* With room again, it goes on. */
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    ck_assert_int_eq(add_synthetic(st, 0, 1000), CEV_OK);
    ck_assert_int_eq(sql_int(st->db, "SELECT count(*) FROM articles"), stored + 1);
    cev_store_close(st);
    remove_tmpdir();
}
END_TEST

/* Full at the first byte: the file stays as it was. */
START_TEST(test_full_leaves_file_unchanged)
{
    make_tmpdir();
    const char *path = db_path("full2.db");
    make_db(path, 2);
    size_t n;
    char *before = slurp(path, &n);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    int64_t pages = sql_int(st->db, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages);
    ck_assert_int_eq(sqlite3_exec(st->db, sql, NULL, NULL, NULL), SQLITE_OK);
    /* One article big enough to need new pages. */
    cev_result *r = cev_result_create();
    char *big = malloc(20000);
    memset(big, 'x', 19999);
    big[19999] = '\0';
    for (int k = 0; k < 50; k++) {
        cev_event *ev = cev_result_push(r);
        ev->type = CEV_EV_ATTACK;
        ev->sentence = cev_result_str(r, big);
    }
    cev_article a = CEV_ARTICLE_INIT;
    a.id = "big";
    a.text = "big article";
    a.len = 11;
    ck_assert_int_eq(cev_store_add(st, &a, r, NULL), CEV_ERR_FULL);
    ck_assert_int_eq(sql_int(st->db, "SELECT count(*) FROM articles"), 2);
    cev_store_close(st);
    assert_same_bytes(path, before, n);
    assert_integrity(path);
    free(big);
    free(before);
    cev_result_free(r);
    remove_tmpdir();
}
END_TEST

/* In a batch, an error rolls back the whole batch, and says so. */
START_TEST(test_full_in_batch)
{
    make_tmpdir();
    const char *path = db_path("fullb.db");
    make_db(path, 2);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    int64_t pages = sql_int(st->db, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages + 3);
    ck_assert_int_eq(sqlite3_exec(st->db, sql, NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(cev_store_begin_batch(st), CEV_OK);
    int rc = CEV_OK, i;
    for (i = 100; i < 400 && rc == CEV_OK; i++)
        rc = add_synthetic(st, 0, i);
    ck_assert_int_eq(rc, CEV_ERR_FULL);
    ck_assert_int_gt(i, 101); /* some articles went in before */
    ck_assert_int_eq(add_synthetic(st, 0, 999), CEV_ERR_DB);
    ck_assert_int_eq(cev_store_end_batch(st, 1), CEV_ERR_DB);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "rolled back"));
    ck_assert_int_eq(sql_int(st->db, "SELECT count(*) FROM articles"), 2);
    cev_store_close(st);
    assert_integrity(path);
    remove_tmpdir();
}
END_TEST

/* ---- locked ---------------------------------------------------------------------------- */

START_TEST(test_locked)
{
    make_tmpdir();
    const char *path = db_path("lock.db");
    make_db(path, 1);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    cev_store_set_busy_ms(st, 200);
    /* Another connection holds the write lock. */
    sqlite3 *other;
    ck_assert_int_eq(sqlite3_open(path, &other), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(add_synthetic(st, 0, 1), CEV_ERR_DB_BUSY);
    ck_assert_ptr_nonnull(strstr(cev_store_errmsg(st), "locked"));
    ck_assert_int_eq(cev_store_delete_article(st, "w0-a0"), CEV_ERR_DB_BUSY);
    /* Readers are not blocked by a writer (WAL). */
    cev_result *res;
    ck_assert_int_eq(cev_store_query(&res, st, NULL), CEV_OK);
    ck_assert_uint_eq(cev_result_count(res), EVENTS_PER_ARTICLE);
    cev_result_free(res);
    ck_assert_int_eq(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    ck_assert_int_eq(add_synthetic(st, 0, 1), CEV_OK);
    cev_store_close(st);
    assert_integrity(path);
    remove_tmpdir();
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("store_reliability");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_sigkill_mid_ingest);
    tcase_add_test(tc, test_concurrent_writers);
    tcase_add_test(tc, test_not_a_database);
    tcase_add_test(tc, test_corrupt_file);
    tcase_add_test(tc, test_newer_schema);
    tcase_add_test(tc, test_migrates_from_zero);
    tcase_add_test(tc, test_readonly_file);
    tcase_add_test(tc, test_full_database);
    tcase_add_test(tc, test_full_leaves_file_unchanged);
    tcase_add_test(tc, test_full_in_batch);
    tcase_add_test(tc, test_locked);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
