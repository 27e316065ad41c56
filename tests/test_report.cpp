// Reports: findings as text, JSON and GitHub workflow commands; names and messages escaped.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include <vttkit/report.hpp>

#include "text/json.hpp"

#include "trickle_source.hpp"

namespace {

vttkit::diagnostic finding(vttkit::rule r, std::size_t line, std::size_t column, std::string message) {
  return {r, line, column, std::move(message)};
}

const auto w103 = finding(vttkit::rule::short_hours, 3, 1, "hours written with one digit");
const auto e003 = finding(vttkit::rule::end_not_after_start, 9, 1, "cue ends before it starts");

std::string text(std::string_view file, const vttkit::diagnostic& d) {
  std::string out;
  vttkit::append_finding(out, vttkit::report_format::text, file, d);
  return out;
}
std::string json(std::string_view file, const vttkit::diagnostic& d) {
  std::string out;
  vttkit::append_finding(out, vttkit::report_format::json, file, d);
  return out;
}
std::string github(std::string_view file, const vttkit::diagnostic& d) {
  std::string out;
  vttkit::append_finding(out, vttkit::report_format::github, file, d);
  return out;
}
std::string json_string(std::string_view s) {
  std::string out;
  vttkit::detail::append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("report formats: a table of names", "[report]") {
  REQUIRE(vttkit::report_formats().size() == 3);
  CHECK(vttkit::report_formats()[0].name == "text");
  CHECK(vttkit::parse_report_format("json") == vttkit::report_format::json);
  CHECK(vttkit::parse_report_format("github") == vttkit::report_format::github);
  CHECK_FALSE(vttkit::parse_report_format("sarif").has_value());
}

TEST_CASE("report text: path:line:col: severity: message [ID]", "[report]") {
  CHECK(text("talk.vtt", w103) == "talk.vtt:3:1: warning: hours written with one digit [W103]\n");
  CHECK(text("-", e003) == "-:9:1: error: cue ends before it starts [E003]\n");
  CHECK(vttkit::format_finding("talk.vtt", e003) == "talk.vtt:9:1: error: cue ends before it starts [E003]");
}

TEST_CASE("display names: control bytes and bytes that are not UTF-8 as \\xHH", "[report]") {
  CHECK(vttkit::display_name("plain/name.vtt") == "plain/name.vtt");
  CHECK(vttkit::display_name("a\x1b[31mb.vtt") == "a\\x1B[31mb.vtt");  // ESC: no colour change
  CHECK(vttkit::display_name("new\nline\r\t") == "new\\x0Aline\\x0D\\x09");
  CHECK(vttkit::display_name("del\x7f") == "del\\x7F");
  CHECK(vttkit::display_name("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80") ==
        "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80");
  CHECK(vttkit::display_name("latin1 caf\xe9.vtt") == "latin1 caf\\xE9.vtt");
  CHECK(vttkit::display_name("\xff\xfe") == "\\xFF\\xFE");
  CHECK(vttkit::display_name("cut \xe2\x80") == "cut \\xE2\\x80");                        // a sequence cut short
  CHECK(vttkit::display_name("over\xc0\xaf") == "over\\xC0\\xAF");                        // overlong '/'
  CHECK(vttkit::display_name("sur\xed\xa0\x80") == "sur\\xED\\xA0\\x80");                 // a surrogate
  CHECK(vttkit::display_name(std::string("csi\xc2\x9b") + "31m") == "csi\\xC2\\x9B31m");  // U+009B, C1
  CHECK(vttkit::display_name("nbsp\xc2\xa0") == "nbsp\xc2\xa0");                          // U+00A0 is text
  CHECK(vttkit::display_name("50% a,b:c") == "50% a,b:c");
  CHECK(vttkit::display_name(std::string_view("nul\0x", 5)) == "nul\\x00x");
  std::string out = "> ";
  vttkit::append_display_name(out, "\x1b");
  CHECK(out == "> \\x1B");
}

TEST_CASE("report text escapes file names and messages alike", "[report]") {
  const auto d = finding(vttkit::rule::duplicate_id, 7, 1, "cue id \"a\x1b\" on\nline \xff");
  CHECK(text("dir/\x1b]0;title\x07.vtt", d) ==
        "dir/\\x1B]0;title\\x07.vtt:7:1: warning: cue id \"a\\x1B\" on\\x0Aline \\xFF [W107]\n");
}

TEST_CASE("report json: one object with every field", "[report]") {
  CHECK(json("talk.vtt", w103) ==
        "{\"file\": \"talk.vtt\", \"line\": 3, \"column\": 1, \"severity\": \"warning\", \"rule\": \"W103\", "
        "\"name\": \"short-hours\", \"message\": \"hours written with one digit\"}\n");
  const auto d = finding(vttkit::rule::bad_entity, 4, 13, "bare '&' in \"a\\b\"\n");
  CHECK(json("a\x1b\xff.vtt", d) ==
        "{\"file\": \"a\\u001b\\ufffd.vtt\", \"line\": 4, \"column\": 13, \"severity\": \"warning\", \"rule\": "
        "\"W106\", \"name\": \"bad-entity\", \"message\": \"bare '&' in \\\"a\\\\b\\\"\\n\"}\n");
}

TEST_CASE("JSON strings: any bytes in, valid JSON out", "[report][json]") {
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("plain text") == "\"plain text\"");
  CHECK(json_string("q\" b\\ n\n r\r t\t") == "\"q\\\" b\\\\ n\\n r\\r t\\t\"");
  CHECK(json_string("\x01\x1f\x08\x0c") == "\"\\u0001\\u001f\\b\\f\"");
  CHECK(json_string(std::string_view("\0", 1)) == "\"\\u0000\"");
  CHECK(json_string("caf\xc3\xa9 \xf0\x9f\x98\x80") == "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
  CHECK(json_string("\xff") == "\"\\ufffd\"");
  CHECK(json_string("a\xe2\x80z") == "\"a\\ufffd\\ufffdz\"");         // one U+FFFD per stray byte
  CHECK(json_string("\xc0\xaf") == "\"\\ufffd\\ufffd\"");             // overlong
  CHECK(json_string("\xed\xa0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // surrogate
  // Long runs go through the 16- and 8-byte skips: escapes at every place in them are found.
  const std::string run(40, 'x');
  for (std::size_t at : {0u, 7u, 8u, 15u, 16u, 23u, 39u}) {
    auto s = run;
    s[at] = '"';
    auto expected = "\"" + run.substr(0, at) + "\\\"" + run.substr(at + 1) + "\"";
    CHECK(json_string(s) == expected);
    s[at] = '\xff';
    expected = "\"" + run.substr(0, at) + "\\ufffd" + run.substr(at + 1) + "\"";
    CHECK(json_string(s) == expected);
  }
}

TEST_CASE("report github: workflow commands with GitHub's escaping", "[report]") {
  CHECK(github("talk.vtt", w103) ==
        "::warning file=talk.vtt,line=3,col=1,title=W103 short-hours::hours written with one digit\n");
  CHECK(github("talk.vtt", e003) ==
        "::error file=talk.vtt,line=9,col=1,title=E003 end-not-after-start::cue ends before it starts\n");
  // In the file property % CR LF : and , are escaped; in the message % CR LF only.
  const auto d = finding(vttkit::rule::duplicate_id, 7, 1, "id \"50%\", a:b\r\nnext \x1b");
  CHECK(github("C:\\50%,x\r\n.vtt", d) ==
        "::warning file=C%3A\\50%25%2Cx%0D%0A.vtt,line=7,col=1,title=W107 duplicate-id::"
        "id \"50%25\", a:b%0D%0Anext \\x1B\n");
  CHECK(github("a\x1b\xff.vtt", w103).rfind("::warning file=a\\x1B\\xFF.vtt,line=3,", 0) == 0);
}

TEST_CASE("report summary line", "[report]") {
  CHECK(vttkit::summary_line({.errors = 0, .warnings = 2, .files = 1}) == "0 errors, 2 warnings in 1 file");
  CHECK(vttkit::summary_line({.errors = 1, .warnings = 1, .files = 3}) == "1 error, 1 warning in 3 files");
  CHECK(vttkit::summary_line({.errors = 0, .warnings = 0, .files = 1, .unreadable = 2}) ==
        "0 errors, 0 warnings in 1 file; 2 files could not be read");
  CHECK(vttkit::summary_line({.errors = 0, .warnings = 4, .files = 2, .strict = true}) ==
        "0 errors, 4 warnings in 2 files (--strict: warnings fail)");
  // With errors the run fails anyway: no note.
  CHECK(vttkit::summary_line({.errors = 1, .warnings = 4, .files = 2, .strict = true}) ==
        "1 error, 4 warnings in 2 files");
}

TEST_CASE("report writer: one JSON array, streamed", "[report]") {
  std::string out;
  vttkit::string_sink sink{out};
  SECTION("no findings: an empty array") {
    vttkit::report_writer w{sink, vttkit::report_format::json};
    CHECK(w.finish());
    CHECK(w.empty());
    CHECK(out == "[]\n");
  }
  SECTION("findings one by one") {
    vttkit::report_writer w{sink, vttkit::report_format::json};
    CHECK(w.add("a.vtt", w103));
    CHECK(w.add("b.vtt", e003));
    CHECK(w.finish());
    CHECK_FALSE(w.empty());
    CHECK(out ==
          "[\n"
          "  {\"file\": \"a.vtt\", \"line\": 3, \"column\": 1, \"severity\": \"warning\", \"rule\": \"W103\", "
          "\"name\": \"short-hours\", \"message\": \"hours written with one digit\"},\n"
          "  {\"file\": \"b.vtt\", \"line\": 9, \"column\": 1, \"severity\": \"error\", \"rule\": \"E003\", "
          "\"name\": \"end-not-after-start\", \"message\": \"cue ends before it starts\"}\n"
          "]\n");
  }
}

TEST_CASE("report writer: findings rendered apart make the same output", "[report]") {
  for (const auto format : {vttkit::report_format::text, vttkit::report_format::json, vttkit::report_format::github}) {
    std::string one_by_one, in_pieces;
    vttkit::string_sink a{one_by_one}, b{in_pieces};
    vttkit::report_writer direct{a, format}, pieces{b, format};
    std::string file1, file2;  // two files rendered on their own, handed over in order
    vttkit::report_writer::render(file1, format, "a.vtt", w103);
    vttkit::report_writer::render(file1, format, "a.vtt", e003);
    vttkit::report_writer::render(file2, format, "b.vtt", w103);
    direct.add("a.vtt", w103);
    direct.add("a.vtt", e003);
    direct.add("b.vtt", w103);
    CHECK(pieces.add_rendered(""));  // a file without findings
    CHECK(pieces.add_rendered(file1));
    CHECK(pieces.add_rendered(file2));
    CHECK(direct.finish());
    CHECK(pieces.finish());
    CHECK(in_pieces == one_by_one);
  }
  std::string text_out;
  vttkit::string_sink sink{text_out};
  vttkit::report_writer w{sink, vttkit::report_format::text};
  w.add("a.vtt", w103);
  w.finish();
  CHECK(text_out == "a.vtt:3:1: warning: hours written with one digit [W103]\n");  // nothing around it
}

TEST_CASE("report writer: a failed write is reported", "[report]") {
  vtt_test::failing_sink sink;
  vttkit::report_writer w{sink, vttkit::report_format::text};
  CHECK_FALSE(w.add_rendered("x.vtt:1:1: error: m [E001]\n"));
  CHECK_FALSE(w.finish());
  CHECK(w.error() == "no space left");
}
