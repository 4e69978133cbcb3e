/* check_pages_import: request tests of the import page (issue 8) — the form for a signed-in
 * user only, multipart uploads with the CSRF token, 422 with the reason next to the file field
 * for a missing, empty or foreign file (and nothing imported), a Loop backup imported into the
 * uploader's account only, a second upload of the same file adding nothing, and a dry run
 * saving nothing. The Loop samples come from ../shared (TRACKPRO_SHARED); the tests that need
 * them are skipped when it is absent. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "testpages.h"

#define BOUNDARY "----trackproTestBoundary7MA4YWxk"

static struct testuser ann, bob;

static void setup(void)
{
	testpage_setup();
	testuser_init(&ann, "ann@example.org");
	testuser_init(&bob, "bob@example.org");
}

static void teardown(void)
{
	testuser_free(&ann);
	testuser_free(&bob);
	testpage_teardown();
}

/* POSTs a multipart form to /import as w: the csrf field (w's token unless csrf is given),
 * dry_run when set, and the file field with filename and data[0..len) (no file part when
 * filename is NULL). */
static void upload(struct testuser *w, const char *csrf, bool dry_run, const char *filename, const void *data,
		   size_t len, struct testresp *r)
{
	struct buf body, cookies;
	buf_init(&body);
	buf_init(&cookies);
	buf_printf(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n",
		   csrf ? csrf : w->csrf);
	if (dry_run)
		buf_printf(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"dry_run\"\r\n\r\n1\r\n");
	if (filename) {
		buf_printf(&body,
			   "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
			   "Content-Type: application/octet-stream\r\n\r\n",
			   filename);
		buf_append(&body, data, len);
		buf_printf(&body, "\r\n");
	}
	buf_printf(&body, "--" BOUNDARY "--\r\n");
	for (size_t i = 0; i < w->jar.count; i++)
		buf_printf(&cookies, "%s%s=%s", i ? "; " : "", w->jar.names[i], w->jar.values[i]);
	const char *extra[] = { "HTTP_COOKIE", buf_cstr(&cookies), NULL };
	testapp_request(&testpage_app, "POST", "/import", "multipart/form-data; boundary=" BOUNDARY, buf_cstr(&body),
			body.len, extra, r);
	buf_free(&body);
	buf_free(&cookies);
}

/* Reads a Loop sample under ../shared/fixtures/loop into *len bytes (malloc'd), or NULL when
 * ../shared is absent. */
static char *read_sample(const char *name, size_t *len)
{
	const char *shared = getenv("TRACKPRO_SHARED");
	if (!shared)
		return NULL;
	char path[1024];
	snprintf(path, sizeof path, "%s/fixtures/loop/%s", shared, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* Trackers of user (not deleted). */
static int64_t trackers_of(const struct testuser *w)
{
	return testpage_int("SELECT count(*) FROM trackers WHERE user_id = %lld AND deleted_at IS NULL",
			    (long long)w->id);
}

START_TEST(form_for_signed_in_users_only)
{
	struct testresp r;
	testpage_get(&ann, "/import", &r);
	testpage_assert_status(&r, 200, "import form");
	testpage_assert_has(&r, "<h1>Import from Loop Habit Tracker</h1>");
	testpage_assert_has(&r, "enctype=\"multipart/form-data\"");
	testpage_assert_has(&r, "name=\"file\" type=\"file\"");
	testpage_assert_has(&r, "up to 32 MiB");
	char *csrf = testhtml_input(r.body, "csrf");
	ck_assert_ptr_nonnull(csrf);
	ck_assert_str_eq(csrf, ann.csrf);
	free(csrf);
	testresp_free(&r);

	/* found from the empty trackers page and from the export page */
	testpage_get(&ann, "/trackers", &r);
	testpage_assert_has(&r, "<a href=\"/import\">Import your habits and their history</a>");
	testresp_free(&r);
	testpage_get(&ann, "/export", &r);
	testpage_assert_has(&r, "<a href=\"/import\">");
	testresp_free(&r);

	testapp_request(&testpage_app, "GET", "/import", NULL, NULL, 0, NULL, &r);
	ck_assert_int_eq(r.status, 303);
	char *location = testresp_header(&r, "Location");
	ck_assert_ptr_nonnull(location);
	ck_assert_msg(strncmp(location, "/login", 6) == 0, "went to %s", location);
	free(location);
	testresp_free(&r);
}
END_TEST

START_TEST(missing_empty_and_foreign_files_answer_422)
{
	struct testresp r;
	upload(&ann, NULL, false, NULL, NULL, 0, &r);
	testpage_assert_status(&r, 422, "no file part");
	testpage_assert_has(&r, "class=\"field-error\" id=\"file-error\">Choose a Loop backup");
	testpage_assert_has(&r, "aria-invalid=\"true\"");
	testresp_free(&r);

	upload(&ann, NULL, true, "", "", 0, &r);
	testpage_assert_status(&r, 422, "no file chosen");
	testpage_assert_has(&r, "Choose a Loop backup");
	testpage_assert_has(&r, "name=\"dry_run\" value=\"1\" checked"); /* what was ticked stays */
	testresp_free(&r);

	upload(&ann, NULL, false, "empty.db", "", 0, &r);
	testpage_assert_status(&r, 422, "empty file");
	testpage_assert_has(&r, "The file is empty.");
	testresp_free(&r);

	static const char junk[] = "This is not a Loop backup, just words \x01\x02\x03 and bytes.";
	upload(&ann, NULL, false, "notes.txt", junk, sizeof junk - 1, &r);
	testpage_assert_status(&r, 422, "foreign file");
	testpage_assert_has(&r, "id=\"file-error\"");
	testpage_assert_lacks(&r, "Import finished");
	testresp_free(&r);
	ck_assert_int_eq(trackers_of(&ann), 0);
}
END_TEST

START_TEST(upload_needs_the_csrf_token)
{
	size_t len;
	char *data = read_sample("databases/022.db", &len);
	if (!data) {
		data = strdup("SQLite format 3");
		len = strlen(data);
	}
	struct testresp r;
	upload(&ann, bob.csrf, false, "022.db", data, len, &r);
	testpage_assert_status(&r, 403, "another session's token");
	testresp_free(&r);
	ck_assert_int_eq(trackers_of(&ann), 0);
	free(data);
}
END_TEST

START_TEST(loop_backup_imports_into_the_uploaders_account)
{
	size_t len;
	char *data = read_sample("databases/022.db", &len);
	if (!data) {
		printf("../shared/fixtures/loop not found, skipped\n");
		return;
	}
	struct testresp r;
	upload(&ann, NULL, false, "022.db", data, len, &r);
	testpage_assert_status(&r, 200, "import 022.db");
	testpage_assert_has(&r, "<h1>Import finished</h1>");
	testpage_assert_has(&r, "022.db");
	testpage_assert_has(&r, "<dt>Habits in the file</dt><dd>2</dd>");
	testpage_assert_has(&r, "<dt>New trackers</dt><dd>2</dd>");
	testpage_assert_has(&r, "href=\"/trackers\"");
	char *cache = testresp_header(&r, "Cache-Control");
	ck_assert_ptr_nonnull(cache);
	ck_assert_str_eq(cache, "no-store");
	free(cache);
	testresp_free(&r);
	ck_assert_int_eq(trackers_of(&ann), 2);
	ck_assert_int_eq(trackers_of(&bob), 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE user_id = %lld AND name IN ('Work out', 'Test')",
				      (long long)ann.id),
			 2);

	testpage_get(&ann, "/trackers", &r);
	testpage_assert_status(&r, 200, "trackers after import");
	testpage_assert_has(&r, "Work out");
	testresp_free(&r);

	/* the same file again: found, not duplicated */
	upload(&ann, NULL, false, "022.db", data, len, &r);
	testpage_assert_status(&r, 200, "second import");
	testpage_assert_has(&r, "<dt>New trackers</dt><dd>0</dd>");
	testpage_assert_has(&r, "<dt>Habits imported before, brought up to date</dt><dd>2</dd>");
	testpage_assert_has(&r, "<dt>Check-ins added or changed</dt><dd>0</dd>");
	testresp_free(&r);
	ck_assert_int_eq(trackers_of(&ann), 2);
	free(data);
}
END_TEST

START_TEST(dry_run_saves_nothing)
{
	size_t len;
	char *data = read_sample("databases/021.db", &len);
	if (!data) {
		printf("../shared/fixtures/loop not found, skipped\n");
		return;
	}
	int64_t instances = testpage_int("SELECT count(*) FROM task_instances");
	struct testresp r;
	upload(&ann, NULL, true, "021.db", data, len, &r);
	testpage_assert_status(&r, 200, "dry run");
	testpage_assert_has(&r, "<h1>Dry run finished</h1>");
	testpage_assert_has(&r, "Nothing was saved");
	testpage_assert_has(&r, "<dt>New trackers</dt><dd>1</dd>");
	testpage_assert_has(&r, "<dt>Check-ins to add or change</dt><dd>3</dd>");
	testresp_free(&r);
	ck_assert_int_eq(trackers_of(&ann), 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_instances"), instances);
	free(data);
}
END_TEST

static Suite *pages_import_suite(void)
{
	Suite *s = suite_create("pages_import");
	TCase *tc = tcase_create("import");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, form_for_signed_in_users_only);
	tcase_add_test(tc, missing_empty_and_foreign_files_answer_422);
	tcase_add_test(tc, upload_needs_the_csrf_token);
	tcase_add_test(tc, loop_backup_imports_into_the_uploaders_account);
	tcase_add_test(tc, dry_run_saves_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pages_import_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
