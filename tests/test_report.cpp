// Reports: findings as text, JSON, GitHub workflow commands and SARIF; names and messages escaped.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <vttkit/lint.hpp>
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
  REQUIRE(vttkit::report_formats().size() == 5);
  CHECK(vttkit::report_formats()[0].name == "text");
  CHECK(vttkit::parse_report_format("json") == vttkit::report_format::json);
  CHECK(vttkit::parse_report_format("github") == vttkit::report_format::github);
  CHECK(vttkit::parse_report_format("sarif") == vttkit::report_format::sarif);
  CHECK(vttkit::parse_report_format("gitlab") == vttkit::report_format::gitlab);
  CHECK_FALSE(vttkit::parse_report_format("SARIF").has_value());
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
  for (const auto format : {vttkit::report_format::text, vttkit::report_format::json, vttkit::report_format::github,
                            vttkit::report_format::sarif, vttkit::report_format::gitlab}) {
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

// --- terminal style: colour, source lines ----------------------------------------------------

namespace {

std::string styled(const vttkit::diagnostic& d, std::string_view line, std::size_t width = 100, bool color = false) {
  std::string out;
  vttkit::append_finding(out, vttkit::report_format::text, "t.vtt", d,
                         vttkit::text_style{.color = color, .source = true, .width = width}, line);
  return out;
}

/// The two lines under the finding: the source line and the caret line.
std::string source_part(const vttkit::diagnostic& d, std::string_view line, std::size_t width = 100) {
  const auto all = styled(d, line, width);
  return all.substr(all.find('\n') + 1);
}

}  // namespace

TEST_CASE("report text style: without colour or a line, the plain form", "[report]") {
  const vttkit::text_style plain;
  std::string out;
  vttkit::append_finding(out, vttkit::report_format::text, "talk.vtt", w103, plain);
  CHECK(out == text("talk.vtt", w103));
  out.clear();  // a line given but source lines off
  vttkit::append_finding(out, vttkit::report_format::text, "talk.vtt", w103, plain, std::string_view{"0:00.000"});
  CHECK(out == text("talk.vtt", w103));
  out.clear();  // JSON ignores the style
  vttkit::append_finding(out, vttkit::report_format::json, "talk.vtt", w103, {.color = true, .source = true},
                         std::string_view{"0:00.000"});
  CHECK(out == json("talk.vtt", w103));
  CHECK(vttkit::format_finding("talk.vtt", e003, plain) == vttkit::format_finding("talk.vtt", e003));
}

TEST_CASE("report text style: colour", "[report]") {
  const vttkit::text_style color{.color = true};
  CHECK(vttkit::format_finding("talk.vtt", w103, color) ==
        "\x1b[1mtalk.vtt:3:1:\x1b[0m \x1b[1;33mwarning:\x1b[0m hours written with one digit \x1b[2m[W103]\x1b[0m");
  CHECK(vttkit::format_finding("a.vtt", e003, color) ==
        "\x1b[1ma.vtt:9:1:\x1b[0m \x1b[1;31merror:\x1b[0m cue ends before it starts \x1b[2m[E003]\x1b[0m");
  // A file name's own ESC stays escaped inside the colours.
  CHECK(vttkit::format_finding("a\x1b[31m.vtt", e003, color).find("a\\x1B[31m.vtt") != std::string::npos);
  // The caret takes the severity's colour, the gutter blue.
  const auto d = finding(vttkit::rule::invalid_timestamp, 3, 2, "bad");
  CHECK(styled(d, "ab", 100, true).substr(styled(d, "ab", 100, true).find('\n') + 1) ==
        "\x1b[34m 3 |\x1b[0m ab\n\x1b[34m   |\x1b[0m  \x1b[1;31m^\x1b[0m\n");
}

TEST_CASE("report source lines: the caret under the column", "[report]") {
  const auto at = [](std::size_t line, std::size_t column) {
    return finding(vttkit::rule::invalid_timestamp, line, column, "m");
  };
  CHECK(styled(at(3, 14), "00:00:01.000 -> 00:00:02.000") ==
        "t.vtt:3:14: error: m [E002]\n"
        " 3 | 00:00:01.000 -> 00:00:02.000\n"
        "   |              ^\n");
  CHECK(source_part(at(12, 1), "x") == " 12 | x\n    | ^\n");
  // A column just past the end (a finding at the end of the line): the caret after it.
  CHECK(source_part(at(1, 3), "ab") == " 1 | ab\n   |   ^\n");
  // Columns count code points; CJK takes two terminal columns, a combining mark none, a tab four.
  CHECK(source_part(at(1, 7), "日本 é\t<b>x") == " 1 | 日本 é    <b>x\n   |            ^\n");
  CHECK(source_part(at(1, 4), "e\u0301x") == " 1 | e\u0301x\n   |   ^\n");  // past the end
  CHECK(source_part(at(1, 3), "e\u0301x") == " 1 | e\u0301x\n   |  ^\n");   // under the x
  // Control characters as \xHH (never raw to the terminal), invalid UTF-8 and NUL as U+FFFD.
  CHECK(source_part(at(1, 3), "a\x1b[b") == " 1 | a\\x1B[b\n   |      ^\n");
  CHECK(source_part(at(1, 3),
                    "a\xFF"
                    "b") == " 1 | a\uFFFDb\n   |   ^\n");
  CHECK(source_part(at(1, 3), std::string_view("a\0b", 3)) == " 1 | a\uFFFDb\n   |   ^\n");
}

TEST_CASE("report source lines: a long line cut around the caret", "[report]") {
  std::string line;
  for (int i = 0; i < 10; ++i) line += "0123456789";
  const auto at = [](std::size_t column) { return finding(vttkit::rule::invalid_timestamp, 1, column, "m"); };
  // Width 20: one ellipsis each side, 18 characters from 40 on, the caret under character 50.
  CHECK(source_part(at(51), line, 20) == " 1 | \u2026012345678901234567\u2026\n   | " + std::string(11, ' ') + "^\n");
  // Near the end: no cut on the right, the window as far right as it goes.
  CHECK(source_part(at(100), line, 20) == " 1 | \u20261234567890123456789\n   | " + std::string(19, ' ') + "^\n");
  // Near the start: no cut on the left.
  CHECK(source_part(at(2), line, 20) == " 1 | 0123456789012345678\u2026\n   |  ^\n");
  // A line that fits is never cut.
  CHECK(source_part(at(2), line.substr(0, 20), 20) == " 1 | " + line.substr(0, 20) + "\n   |  ^\n");
}

TEST_CASE("report summaries: counts grouped, coloured when asked", "[report]") {
  CHECK(vttkit::batch_summary({.verb = "converted", .done = 2998, .failed = 3, .warnings = 12}) ==
        "2,998 converted, 3 failed, 12 warnings");
  CHECK(vttkit::batch_summary({.verb = "checked", .done = 1, .errors = 1, .warnings = 1}) ==
        "1 checked, 1 error, 1 warning");
  CHECK(vttkit::batch_summary({.verb = "reformatted", .done = 1234567}) == "1,234,567 reformatted");
  CHECK(vttkit::batch_summary({.verb = "converted", .done = 5, .failed = 1}, {.color = true}) ==
        "5 converted, \x1b[1;31m1 failed\x1b[0m");
  const vttkit::report_totals t{.errors = 2, .warnings = 0, .files = 1};
  CHECK(vttkit::summary_line(t, {}) == "2 errors, 0 warnings in 1 file");
  CHECK(vttkit::summary_line(t, {.color = true}) == "\x1b[1;31m2 errors\x1b[0m, 0 warnings in 1 file");
}

TEST_CASE("source_lines: each finding's line as the parser numbered it", "[report]") {
  // BOM, CRLF, CR and LF line ends; the lines read a few bytes at a time.
  const std::string input = "\xEF\xBB\xBFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\rtext\n\nlast";
  for (const std::size_t step : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{1000}}) {
    vtt_test::trickle_source trickle{input, step};
    vttkit::source_lines lines{trickle};
    char buf[4096];
    while (lines.read(buf, sizeof buf) > 0) {
    }
    CHECK(lines.line(1) == std::optional<std::string_view>("WEBVTT"));
    CHECK(lines.line(3) == std::optional<std::string_view>("00:01.000 --> 00:02.000"));
    CHECK_FALSE(lines.line(2).has_value());  // before a line asked for: dropped
    CHECK(lines.line(4) == std::optional<std::string_view>("text"));
    CHECK(lines.line(6) == std::optional<std::string_view>("last"));
    CHECK_FALSE(lines.line(7).has_value());
  }
}

TEST_CASE("source_lines: linting through it gives every finding its line, in bounded memory", "[report]") {
  // A finding (W103, one-digit hours) on every timing line.
  std::string input = "WEBVTT\n";
  std::vector<std::string> timing;
  for (int i = 0; i < 2000; ++i) {
    timing.push_back(fmt::format("0:{:02}:{:02}.000 --> 0:{:02}:{:02}.500", i / 60 % 60, i % 60, i / 60 % 60, i % 60));
    input += "\n" + timing.back() + "\ncue " + std::to_string(i) + "\n";
  }
  vtt_test::trickle_source trickle{input, 333};
  vttkit::source_lines lines{trickle, 4096};  // far less than the input: lines go as findings pass
  std::size_t found = 0, matched = 0;
  (void)vttkit::lint(lines, {}, [&](const vttkit::diagnostic& d) {
    ++found;
    const auto line = lines.line(d.line);
    if (line && d.line >= 3 && *line == timing[(d.line - 3) / 3]) ++matched;
  });
  CHECK(found >= 2000);
  CHECK(matched == found);
}

namespace {

std::string sarif(std::string_view file, const vttkit::diagnostic& d) {
  std::string out;
  vttkit::append_finding(out, vttkit::report_format::sarif, file, d);
  return out;
}

}  // namespace

TEST_CASE("report sarif: a result with rule, index, level, message and position", "[report][sarif]") {
  CHECK(sarif("talk.vtt", w103) ==
        "{\"ruleId\": \"W103\", \"ruleIndex\": 8, \"level\": \"warning\", \"message\": {\"text\": \"hours written with "
        "one digit\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"talk.vtt\"}, "
        "\"region\": {\"startLine\": 3, \"startColumn\": 1}}}]}\n");
  // The index is the rule's place in the log's rules, which list the catalogue in order.
  CHECK(sarif("a.vtt", e003).find("\"ruleIndex\": 2, \"level\": \"error\"") != std::string::npos);
}

TEST_CASE("report sarif: file names as URI references, standard input as stdin", "[report][sarif]") {
  auto uri = [](std::string_view file) {
    const auto out = sarif(file, w103);
    const auto at = out.find("\"uri\": \"") + 8;
    return out.substr(at, out.find('"', at) - at);
  };
  CHECK(uri("subs/talk.vtt") == "subs/talk.vtt");
  CHECK(uri("/srv/my talk.vtt") == "file:///srv/my%20talk.vtt");  // absolute: a file URI
  CHECK(uri("-") == "stdin");
  CHECK(uri("./my talk.vtt") == "./my%20talk.vtt");
  CHECK(uri("c:d#1?.vtt") == "c%3Ad%231%3F.vtt");  // no scheme, fragment or query by mistake
  CHECK(uri("caf\xc3\xa9 100%.vtt") == "caf%C3%A9%20100%25.vtt");
  CHECK(uri("bad\xff\\\".vtt") == "bad%FF%5C%22.vtt");  // any bytes: the URI is ASCII
}

TEST_CASE("report sarif: one log, the tool and its rules first, then the results", "[report][sarif]") {
  std::string out;
  vttkit::string_sink sink{out};
  vttkit::report_writer w{sink, vttkit::report_format::sarif};
  CHECK(w.add("a.vtt", w103));
  CHECK(w.add("b.vtt", e003));
  CHECK(w.finish());
  CHECK(out.rfind("{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/", 0) == 0);
  CHECK(out.find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(out.find("\"columnKind\": \"unicodeCodePoints\"") != std::string::npos);
  // Each rule once, with its section of docs/lint-rules.md.
  for (const auto& r : vttkit::all_rules()) {
    INFO(r.id);
    CHECK(out.find(fmt::format("{{\"id\": \"{}\", \"name\": \"{}\"", r.id, r.name)) != std::string::npos);
  }
  CHECK(out.find("\"helpUri\": \"https://github.com/vttkit/vttkit/blob/main/docs/lint-rules.md#w103-short-hours\", "
                 "\"defaultConfiguration\": {\"level\": \"warning\"}}") != std::string::npos);
  const auto results = out.find("\"results\": [\n        {\"ruleId\": \"W103\"");
  REQUIRE(results != std::string::npos);
  CHECK(out.find("}]},\n        {\"ruleId\": \"E003\"", results) != std::string::npos);
  CHECK(out.ends_with("}]}\n      ],\n      \"invocations\": [{\"executionSuccessful\": true}]\n    }\n  ]\n}\n"));

  std::string none;
  vttkit::string_sink empty_sink{none};
  vttkit::report_writer empty{empty_sink, vttkit::report_format::sarif};
  CHECK(empty.finish());
  CHECK(none.ends_with(
      "\"results\": [\n      ],\n      \"invocations\": [{\"executionSuccessful\": true}]\n    }\n  ]\n}\n"));
}

TEST_CASE("report sarif: a run with unread inputs is recorded as unsuccessful", "[report][sarif]") {
  // Empty results of a run that could not read its inputs must not read as a clean run.
  std::string out;
  vttkit::string_sink sink{out};
  vttkit::report_writer w{sink, vttkit::report_format::sarif};
  CHECK(w.finish(2));
  CHECK(
      out.ends_with("\"results\": [\n      ],\n      \"invocations\": [{\"executionSuccessful\": false, "
                    "\"toolExecutionNotifications\": [{\"level\": \"error\", \"message\": {\"text\": \"2 inputs "
                    "could not be read\"}}]}]\n    }\n  ]\n}\n"));
}

TEST_CASE("report gitlab: one code quality issue per finding, in one array", "[report][gitlab]") {
  std::string one;
  vttkit::append_finding(one, vttkit::report_format::gitlab, "talk.vtt", w103);
  // The fingerprint: two 64-bit FNV-1a of "talk.vtt\0W103\03\01\0hours written with one digit\0"
  // (docs/integrations.md), computed apart from the library by tests/integrations_check.py.
  CHECK(one ==
        "{\"description\": \"W103 short-hours: hours written with one digit\", \"check_name\": \"W103\", "
        "\"fingerprint\": \"261ed20aee48abc5c578c5f5e2c78a16\", \"severity\": \"minor\", \"location\": {\"path\": "
        "\"talk.vtt\", \"lines\": {\"begin\": 3}}}\n");
  auto moved = w103;
  moved.line = 4;
  std::string other;
  vttkit::append_finding(other, vttkit::report_format::gitlab, "talk.vtt", moved);
  CHECK(other.find("\"fingerprint\": \"f3335e2d1cdc7064cef3923dba1fb00b\"") != std::string::npos);

  std::string out;
  vttkit::string_sink sink{out};
  vttkit::report_writer w{sink, vttkit::report_format::gitlab};
  CHECK(w.add("talk.vtt", w103));
  CHECK(w.add("b.vtt", e003));
  CHECK(w.finish());
  CHECK(out.rfind("[\n  " + one.substr(0, one.size() - 1) + ",\n  {\"description\": \"E003 end-not-after-start: ", 0) ==
        0);
  CHECK(out.find("\"severity\": \"major\", \"location\": {\"path\": \"b.vtt\", \"lines\": {\"begin\": 9}}}\n]\n") !=
        std::string::npos);
  std::string none;
  vttkit::string_sink empty_sink{none};
  vttkit::report_writer empty{empty_sink, vttkit::report_format::gitlab};
  CHECK(empty.finish());
  CHECK(none == "[]\n");
}
