// End-to-end runs of `vtt lint` and `vtt fmt`: formats, selection, exit codes, files in place.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

/// Two cues: line 3 has short hours (W103), line 6 overlaps line 3 (W102).
const std::string two_warnings = "WEBVTT\n\n0:00:01.000 --> 0:00:03.000\none\n\n00:00:02.500 --> 00:00:04.000\ntwo\n";
/// A cue that ends before it starts (E003 on line 3).
const std::string one_error = "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx\n";
/// Nothing to report, already canonical.
const std::string clean = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello.\n";

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (auto nl = s.find('\n'); nl != std::string::npos; nl = s.find('\n', start)) {
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

struct stat stat_of(const std::string& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st;
}

}  // namespace

// --- lint: output formats ------------------------------------------------------------------

TEST_CASE("lint text: path:line:col: severity: message [ID], summary on stderr", "[cli][lint]") {
  temp_dir dir;
  const auto path = dir.file("a.vtt");
  write_file(path, two_warnings);
  const auto r = run_vtt({"lint", path});
  CHECK(r.code == 0);  // warnings do not fail
  const auto out = lines(r.out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].rfind(path + ":3:1: warning: ", 0) == 0);
  CHECK(out[0].substr(out[0].size() - 7) == " [W103]");
  CHECK(out[1].rfind(path + ":6:1: warning: ", 0) == 0);
  CHECK(out[1].substr(out[1].size() - 7) == " [W102]");
  CHECK(r.err == "0 errors, 2 warnings in 1 file\n");
}

TEST_CASE("lint reads standard input and names it '-'", "[cli][lint]") {
  const auto r = run_vtt({"lint"}, two_warnings);
  CHECK(r.code == 0);
  CHECK(r.out.rfind("-:3:1: warning: ", 0) == 0);
  const auto dash = run_vtt({"lint", "--format", "json", "-"}, one_error);
  CHECK(dash.code == 1);
  CHECK(dash.out.find("\"file\": \"-\"") != std::string::npos);
}

TEST_CASE("lint json: one array for all files, every field, in input order", "[cli][lint]") {
  temp_dir dir;
  write_file(dir.file("a.vtt"), two_warnings);
  write_file(dir.file("b.vtt"), clean);
  write_file(dir.file("c.vtt"), one_error);
  const auto r = run_vtt(
      {"lint", "--format", "json", "-j", "3", dir.file("a.vtt"), dir.file("b.vtt"), dir.file("c.vtt")});
  CHECK(r.code == 1);  // c.vtt has an error
  CHECK(r.out.front() == '[');
  CHECK(r.out.substr(r.out.size() - 2) == "]\n");
  CHECK(count(r.out, "{\"file\": ") == 3);
  CHECK(count(r.out, "},\n") == 2);  // separators between the three records, none after the last
  const auto first = r.out.find("\"rule\": \"W103\"");
  const auto second = r.out.find("\"rule\": \"W102\"");
  const auto third = r.out.find("\"rule\": \"E003\"");
  CHECK(first < second);
  CHECK(second < third);
  CHECK(r.out.find("{\"file\": \"" + dir.file("c.vtt") +
                   "\", \"line\": 3, \"column\": 1, \"severity\": \"error\", \"rule\": \"E003\", "
                   "\"name\": \"end-not-after-start\", \"message\": \"") != std::string::npos);
  CHECK(r.err.empty());  // the summary is for text output

  const auto empty = run_vtt({"lint", "--format", "json", dir.file("b.vtt")});
  CHECK(empty.code == 0);
  CHECK(empty.out == "[]\n");
}

TEST_CASE("lint json escapes what the input quotes", "[cli][lint]") {
  // The id holds a quote and a backslash; W107 quotes it in its message.
  const auto r = run_vtt({"lint", "--format", "json"},
                         "WEBVTT\n\na\"b\\c\n00:01.000 --> 00:02.000\nx\n\na\"b\\c\n00:03.000 --> 00:04.000\ny\n");
  CHECK(r.code == 0);
  CHECK(r.out.find(R"(cue id \"a\"b\\c\" already used on line 3)") != std::string::npos);
}

TEST_CASE("lint github: workflow commands with escaped data and properties", "[cli][lint]") {
  temp_dir dir;
  const auto path = dir.file("one,two.vtt");  // ',' must be escaped in the file property
  write_file(path,
             "WEBVTT\n\n50%\n00:01.000 --> 00:02.000\nx\n\n50%\n00:03.000 --> 00:04.000\ny\n\n" + one_error.substr(8));
  const auto r = run_vtt({"lint", "--format", "github", path});
  CHECK(r.code == 1);
  const auto out = lines(r.out);
  REQUIRE(out.size() == 2);
  CHECK(out[0] == "::warning file=" + dir.path +
                      "/one%2Ctwo.vtt,line=7,col=1,title=W107 duplicate-id::cue id \"50%25\" already used on line 3");
  CHECK(out[1].rfind("::error file=" + dir.path + "/one%2Ctwo.vtt,line=11,col=1,title=E003 end-not-after-start::", 0) ==
        0);
}

TEST_CASE("lint shows a file name's control bytes escaped, in every format", "[cli][lint]") {
  temp_dir dir;
  const auto path = dir.file("a\x1b[31mb.vtt");  // an ESC would turn a terminal red
  const auto shown = dir.path + "/a\\x1B[31mb.vtt";
  write_file(path, two_warnings);
  const auto r = run_vtt({"lint", path});
  CHECK(r.code == 0);
  CHECK(r.out.rfind(shown + ":3:1: warning: ", 0) == 0);
  CHECK(r.out.find('\x1b') == std::string::npos);
  const auto json = run_vtt({"lint", "--format", "json", path});
  CHECK(json.out.find("{\"file\": \"" + dir.path + "/a\\u001b[31mb.vtt\", ") != std::string::npos);
  const auto gh = run_vtt({"lint", "--format", "github", path});
  CHECK(gh.out.rfind("::warning file=" + shown + ",line=3,", 0) == 0);
  // Messages about the file escape it too.
  const auto missing = run_vtt({"lint", dir.file("gone\x1b.vtt")});
  CHECK(missing.code == 2);
  CHECK(missing.err.rfind("vtt: " + dir.path + "/gone\\x1B.vtt: ", 0) == 0);
  CHECK(missing.err.find('\x1b') == std::string::npos);
  // Bytes that are not UTF-8 (a Latin-1 name) are shown as \xHH in text, U+FFFD in JSON.
  write_file(dir.file("caf\xe9.vtt"), one_error);
  CHECK(run_vtt({"lint", dir.file("caf\xe9.vtt")}).out.rfind(dir.path + "/caf\\xE9.vtt:3:1: error: ", 0) == 0);
  CHECK(run_vtt({"lint", "--format", "json", dir.file("caf\xe9.vtt")}).out.find("/caf\\ufffd.vtt\"") !=
        std::string::npos);
}

// --- lint: selection, profiles, thresholds ----------------------------------------------------

TEST_CASE("lint --select and --ignore take ids, names and letters", "[cli][lint]") {
  CHECK(count(run_vtt({"lint", "--select", "W102"}, two_warnings).out, "\n") == 1);
  CHECK(count(run_vtt({"lint", "--select", "overlap"}, two_warnings).out, "[W102]") == 1);
  CHECK(count(run_vtt({"lint", "--ignore", "W"}, two_warnings).out, "\n") == 0);
  CHECK(count(run_vtt({"lint", "--ignore", "short-hours", "--ignore", "E"}, two_warnings).out, "[W102]\n") == 1);
  // The file argument after --select is a file, not a second selector.
  temp_dir dir;
  write_file(dir.file("a.vtt"), two_warnings);
  const auto r = run_vtt({"lint", "--select", "W103", dir.file("a.vtt")});
  CHECK(r.code == 0);
  CHECK(count(r.out, "[W103]") == 1);
  const auto bad = run_vtt({"lint", "--select", "W999"}, two_warnings);
  CHECK(bad.code == 2);
  CHECK(bad.err.find("W999") != std::string::npos);
}

TEST_CASE("lint --profile adds the S or T rules; a selected rule runs without it", "[cli][lint]") {
  const std::string long_line = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n" + std::string(50, 'a') + "\n";
  CHECK(run_vtt({"lint"}, long_line).out.empty());
  CHECK(count(run_vtt({"lint", "--profile", "subtitle"}, long_line).out, ":4:1: warning: ") == 1);
  CHECK(count(run_vtt({"lint", "--select", "S201"}, long_line).out, "[S201]") == 1);
  CHECK(run_vtt({"lint", "--profile", "subtitle", "--max-line-length", "50"}, long_line).out.empty());
  const std::string speakers = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>a\n\n00:03.000 --> 00:04.000\nb\n";
  CHECK(run_vtt({"lint"}, speakers).out.empty());
  CHECK(count(run_vtt({"lint", "--profile", "transcript"}, speakers).out, "-:6:1: warning: ") == 1);
  CHECK(run_vtt({"lint", "--profile", "film"}, speakers).code == 2);
}

TEST_CASE("lint thresholds are seconds and characters", "[cli][lint]") {
  const std::string cue = "WEBVTT\n\n00:00:01.000 --> 00:00:01.500\nHello there\n\n00:00:01.550 --> 00:00:09.000\nx\n";
  const auto strict_limits = run_vtt({"lint", "--profile", "subtitle", "--format", "json"}, cue);
  CHECK(count(strict_limits.out, "\"S203\"") == 1);  // 11 characters in 0.5 s
  CHECK(count(strict_limits.out, "\"S204\"") == 1);
  CHECK(count(strict_limits.out, "\"S205\"") == 1);
  CHECK(count(strict_limits.out, "\"S206\"") == 1);  // 50 ms
  const auto relaxed = run_vtt({"lint", "--profile", "subtitle", "--max-cps", "30", "--min-duration", "0.5",
                                "--max-duration", "8", "--min-gap", "0.05"},
                               cue);
  CHECK(relaxed.code == 0);
  CHECK(relaxed.out.empty());
}

// --- lint: exit codes ------------------------------------------------------------------------

TEST_CASE("lint exit codes: errors 1, warnings 1 with --strict, unreadable 2, highest wins", "[cli][lint]") {
  temp_dir dir;
  write_file(dir.file("warn.vtt"), two_warnings);
  write_file(dir.file("err.vtt"), one_error);
  CHECK(run_vtt({"lint", dir.file("warn.vtt")}).code == 0);
  CHECK(run_vtt({"lint", "--strict", dir.file("warn.vtt")}).code == 1);
  CHECK(run_vtt({"lint", dir.file("err.vtt")}).code == 1);
  const auto missing = run_vtt({"lint", dir.file("err.vtt"), dir.file("missing.vtt")});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("missing.vtt") != std::string::npos);
  CHECK(count(missing.out, "[E003]") == 1);  // the other file is still checked
  CHECK(run_vtt({"lint", "--no-such-flag"}, clean).code == 2);
  CHECK(run_vtt({"lint", dir.path}).code == 2);  // a directory without -r
}

TEST_CASE("lint -r finds the .vtt files under a directory", "[cli][lint]") {
  temp_dir dir;
  ::mkdir(dir.file("sub").c_str(), 0755);
  write_file(dir.file("sub/a.vtt"), two_warnings);
  write_file(dir.file("b.srt"), "1\n00:00:01,000 --> 00:00:02,000\nx\n");
  const auto r = run_vtt({"lint", "-r", "-q", dir.path});
  CHECK(r.code == 0);  // the SubRip file is not lint's to read
  CHECK(count(r.out, "sub/a.vtt:") == 2);
  CHECK(r.err.empty());  // -q: no summary
}

// --- fmt -------------------------------------------------------------------------------------

TEST_CASE("fmt writes canonical WebVTT to standard output", "[cli][fmt]") {
  const auto r = run_vtt({"fmt"},
                         "WEBVTT\r\n\r\n0:00:01.000 --> 0:00:03.000 align:end\r\n<v Ann>one &amp; two\r\n\r\n\r\n");
  CHECK(r.code == 0);
  CHECK(r.out == "WEBVTT\n\n00:00:01.000 --> 00:00:03.000 align:end\n<v Ann>one &amp; two\n");
  // Canonical input comes out unchanged.
  CHECK(run_vtt({"fmt"}, clean).out == clean);
}

TEST_CASE("fmt does not drop a cue setting it cannot keep unless --force", "[cli][fmt]") {
  // An unknown setting, an invalid value and an undefined region would vanish from the output.
  const std::string input = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000 align:middle foo:bar region:x\nText\n";
  temp_dir dir;
  const auto path = dir.file("settings.vtt");
  write_file(path, input);
  const auto r = run_vtt({"fmt", "--in-place", path});
  CHECK(r.code == 1);
  CHECK(read_file(path) == input);     // left as it was
  CHECK(count(r.err, "[W104]") == 3);  // each dropped setting named
  CHECK(r.err.find("'foo:bar'") != std::string::npos);
  CHECK(r.err.find("formatting would lose content (W104 at line 3): the file is left as it was") != std::string::npos);
  CHECK(run_vtt({"fmt", "--check", path}).code == 1);
  const auto forced = run_vtt({"fmt", "--in-place", "--force", path});
  CHECK(forced.code == 0);
  CHECK(read_file(path) == "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nText\n");
  // Warnings that lose nothing stay lint's: one-digit hours are only rewritten.
  const auto hours = run_vtt({"fmt"}, "WEBVTT\n\n0:00:01.000 --> 0:00:03.000\nText\n");
  CHECK(hours.code == 0);
  CHECK(hours.err.empty());
}

TEST_CASE("fmt does not replace a NUL or a byte that is not UTF-8 unless --force", "[cli][fmt]") {
  temp_dir dir;
  const auto path = dir.file("nul.vtt");
  const std::string input("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\na\0b\n", 42);
  write_file(path, input);
  const auto r = run_vtt({"fmt", "--in-place", path});
  CHECK(r.code == 1);
  CHECK(r.err.find("[E006]") != std::string::npos);
  CHECK(read_file(path) == input);
  const auto bad = run_vtt({"fmt", "--encoding", "utf-8"}, "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\na\xff b\n");
  CHECK(bad.code == 1);
  CHECK(bad.err.find("[E005]") != std::string::npos);
}

TEST_CASE("fmt --check lists the files that would change and exits 1", "[cli][fmt]") {
  temp_dir dir;
  write_file(dir.file("messy.vtt"), two_warnings);
  write_file(dir.file("tidy.vtt"), clean);
  const auto r = run_vtt({"fmt", "--check", dir.file("messy.vtt"), dir.file("tidy.vtt")});
  CHECK(r.code == 1);
  CHECK(r.out == dir.file("messy.vtt") + "\n");
  CHECK(read_file(dir.file("messy.vtt")) == two_warnings);  // untouched
  const auto ok = run_vtt({"fmt", "--check", dir.file("tidy.vtt")});
  CHECK(ok.code == 0);
  CHECK(ok.out.empty());
  CHECK(run_vtt({"fmt", "--check"}, two_warnings).out == "-\n");
  // A difference only at the very end counts too.
  CHECK(run_vtt({"fmt", "--check"}, clean + "\n").code == 1);
}

TEST_CASE("fmt --check advises what works for files and for standard input", "[cli][fmt]") {
  temp_dir dir;
  write_file(dir.file("messy.vtt"), two_warnings);
  // --in-place refuses standard input: the advice for it writes the canonical form elsewhere.
  const auto piped = run_vtt({"fmt", "--check"}, two_warnings);
  CHECK(piped.err == "1 of 1 file would be reformatted (run 'vtt fmt - > out.vtt' to write the canonical form)\n");
  CHECK(run_vtt({"fmt", "--in-place", "-"}, two_warnings).code == 2);  // what the old advice led to
  const auto file = run_vtt({"fmt", "--check", dir.file("messy.vtt")});
  CHECK(file.err == "1 of 1 file would be reformatted (run 'vtt fmt --in-place' to rewrite them)\n");
  const auto both = run_vtt({"fmt", "--check", dir.file("messy.vtt"), "-"}, two_warnings);
  CHECK(both.err ==
        "2 of 2 files would be reformatted (run 'vtt fmt --in-place FILE...' to rewrite the files, "
        "'vtt fmt - > out.vtt' for standard input)\n");
  CHECK(run_vtt({"fmt", "--check"}, clean).err == "0 of 1 file would be reformatted\n");  // nothing to advise
}

TEST_CASE("fmt shows a file name's control bytes escaped", "[cli][fmt]") {
  temp_dir dir;
  const auto shown = dir.path + "/a\\x1B[31mb.vtt";
  write_file(dir.file("a\x1b[31mb.vtt"), two_warnings);
  const auto r = run_vtt({"fmt", "--check", dir.file("a\x1b[31mb.vtt")});
  CHECK(r.code == 1);
  CHECK(r.out == shown + "\n");
  CHECK(r.err.find('\x1b') == std::string::npos);
  // Its error diagnostics and refusals too.
  write_file(dir.file("a\x1b[31mb.vtt"), "WEBVTT\n\n00:00:01.00 --> 00:00:02.000\nlost\n");
  const auto refused = run_vtt({"fmt", "--check", dir.file("a\x1b[31mb.vtt")});
  CHECK(refused.code == 1);
  CHECK(refused.err.rfind(shown + ":3:1: error: ", 0) == 0);
  CHECK(refused.err.find("vtt: " + shown + ": formatting would lose content (E002 at line 3)") != std::string::npos);
  CHECK(refused.err.find('\x1b') == std::string::npos);
}

TEST_CASE("fmt --in-place rewrites changed files and leaves canonical ones alone", "[cli][fmt]") {
  temp_dir dir;
  write_file(dir.file("messy.vtt"), two_warnings);
  write_file(dir.file("tidy.vtt"), clean);
  const auto tidy_before = stat_of(dir.file("tidy.vtt"));
  const auto r = run_vtt({"fmt", "--in-place", dir.file("messy.vtt"), dir.file("tidy.vtt")});
  CHECK(r.code == 0);
  CHECK(read_file(dir.file("messy.vtt")) ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\none\n\n00:00:02.500 --> 00:00:04.000\ntwo\n");
  CHECK(stat_of(dir.file("tidy.vtt")).st_ino == tidy_before.st_ino);  // not replaced
  CHECK(run_vtt({"fmt", "--check", dir.file("messy.vtt")}).code == 0);
  // No temporary files are left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator()) == 2);
}

TEST_CASE("fmt --in-place writes through a symbolic link", "[cli][fmt]") {
  temp_dir dir;
  write_file(dir.file("real.vtt"), two_warnings);
  REQUIRE(::symlink("real.vtt", dir.file("link.vtt").c_str()) == 0);
  CHECK(run_vtt({"fmt", "--in-place", dir.file("link.vtt")}).code == 0);
  struct stat st {};
  REQUIRE(::lstat(dir.file("link.vtt").c_str(), &st) == 0);
  CHECK(S_ISLNK(st.st_mode));  // still a link
  CHECK(read_file(dir.file("real.vtt")).rfind("WEBVTT\n\n00:00:01.000 --> ", 0) == 0);
}

TEST_CASE("fmt refuses files that would lose content unless --force", "[cli][fmt]") {
  temp_dir dir;
  const std::string dropped = "WEBVTT\n\n00:00:01.00 --> 00:00:02.000\nlost\n\n00:00:03.000 --> 00:00:04.000\nkept\n";
  write_file(dir.file("e002.vtt"), dropped);
  write_file(dir.file("e001.vtt"), "WEBVT\n\n00:00:01.000 --> 00:00:02.000\nx\n");
  const auto r = run_vtt({"fmt", "--in-place", dir.file("e002.vtt"), dir.file("e001.vtt")});
  CHECK(r.code == 1);
  CHECK(read_file(dir.file("e002.vtt")) == dropped);
  CHECK(read_file(dir.file("e001.vtt")) == "WEBVT\n\n00:00:01.000 --> 00:00:02.000\nx\n");
  CHECK(r.err.find("E002 at line 3") != std::string::npos);
  CHECK(r.err.find("E001 at line 1") != std::string::npos);
  CHECK(run_vtt({"fmt", "--check", dir.file("e002.vtt")}).code == 1);
  CHECK(run_vtt({"fmt"}, "WEBVT\n\nx\n").out.empty());  // nothing written without a signature

  const auto forced = run_vtt({"fmt", "--in-place", "--force", dir.file("e002.vtt")});
  CHECK(forced.code == 0);
  CHECK(read_file(dir.file("e002.vtt")) == "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\nkept\n");
}

TEST_CASE("fmt usage errors exit 2", "[cli][fmt]") {
  temp_dir dir;
  write_file(dir.file("a.vtt"), clean);
  write_file(dir.file("b.vtt"), clean);
  CHECK(run_vtt({"fmt", "--in-place"}, clean).code == 2);                   // standard input cannot be rewritten
  CHECK(run_vtt({"fmt", dir.file("a.vtt"), dir.file("b.vtt")}).code == 2);  // two files, one stdout
  CHECK(run_vtt({"fmt", "--check", "--in-place", dir.file("a.vtt")}).code == 2);
  CHECK(run_vtt({"fmt", dir.file("missing.vtt")}).code == 2);
}

TEST_CASE("fmt -o writes a file and never overwrites the input", "[cli][fmt]") {
  temp_dir dir;
  write_file(dir.file("in.vtt"), two_warnings);
  CHECK(run_vtt({"fmt", "-o", dir.file("out.vtt"), dir.file("in.vtt")}).code == 0);
  CHECK(read_file(dir.file("out.vtt")).rfind("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n", 0) == 0);
  const auto same = run_vtt({"fmt", "-o", dir.file("in.vtt"), dir.file("in.vtt")});
  CHECK(same.code != 0);
  CHECK(read_file(dir.file("in.vtt")) == two_warnings);
}

TEST_CASE("lint --format takes the names of the library's report formats", "[cli][lint]") {
  const auto help = run_vtt({"lint", "--help"});
  CHECK(help.out.find("{text,json,github,sarif,gitlab}=text") !=
        std::string::npos);  // the table's names, text the default
  const auto bad = run_vtt({"lint", "--format", "xml"}, one_error);
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("xml") != std::string::npos);
  const auto gh = run_vtt({"lint", "--format", "github", "-"}, one_error);
  CHECK(gh.out.rfind("::error file=-,line=3,", 0) == 0);
}

TEST_CASE("lint --format sarif: one log for all the files, exit codes as ever, no summary", "[cli][lint][sarif]") {
  temp_dir dir;
  write_file(dir.file("a.vtt"), two_warnings);
  write_file(dir.file("b.vtt"), one_error);
  const auto r = run_vtt({"lint", "--format", "sarif", "-j", "2", dir.file("a.vtt"), dir.file("b.vtt")});
  CHECK(r.code == 1);  // b.vtt has an error
  CHECK(r.err.empty());
  CHECK(count(r.out, "\"runs\": [") == 1);
  CHECK(count(r.out, "\"ruleId\": ") == 3);
  const auto w102 = r.out.find("{\"ruleId\": \"W102\", \"ruleIndex\": 7, \"level\": \"warning\"");
  const auto e003 = r.out.find("{\"ruleId\": \"E003\", \"ruleIndex\": 2, \"level\": \"error\"");
  CHECK(w102 != std::string::npos);
  CHECK(w102 < e003);  // input order
  CHECK(r.out.find("{\"uri\": \"file://" + dir.file("b.vtt") +
                   "\"}, \"region\": {\"startLine\": 3, \"startColumn\": 1}") != std::string::npos);
  const auto dash = run_vtt({"lint", "--format", "sarif"}, two_warnings);
  CHECK(dash.code == 0);
  CHECK(count(dash.out, "{\"uri\": \"stdin\"}") == 2);
  CHECK(count(dash.out, "\"executionSuccessful\": true") == 1);
  // An input that cannot be read: the log says the run failed, not just "no results".
  const auto missing = run_vtt({"lint", "--format", "sarif", dir.file("a.vtt"), dir.file("nope.vtt")});
  CHECK(missing.code == 2);
  CHECK(count(missing.out, "\"executionSuccessful\": false") == 1);
  CHECK(missing.out.find("\"1 input could not be read\"") != std::string::npos);
}

// --- rule: a rule's documentation, the list of rules ---------------------------------------

namespace {

/// The sections of docs/lint-rules.md's "## The rules": heading "ID name" and body, blank
/// lines at either end of the body dropped.
std::vector<std::pair<std::string, std::string>> doc_rule_sections() {
  std::vector<std::pair<std::string, std::string>> out;
  bool in = false;
  for (const auto& line : lines(read_file(VTTKIT_DOCS_DIR "/lint-rules.md"))) {
    if (line.rfind("## ", 0) == 0) in = line == "## The rules";
    else if (in && line.rfind("### ", 0) == 0) out.emplace_back(line.substr(4), "");
    else if (in && !out.empty()) out.back().second += line + "\n";
  }
  for (auto& [heading, body] : out) {
    body.erase(0, body.find_first_not_of('\n'));
    body.erase(body.find_last_not_of('\n') + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("rule ID: the rule's section of docs/lint-rules.md between its table line and how to silence it",
          "[cli][rule]") {
  const auto sections = doc_rule_sections();
  REQUIRE(sections.size() >= 23);
  for (const auto& [heading, body] : sections) {
    const auto id = heading.substr(0, heading.find(' '));
    const auto name = heading.substr(heading.find(' ') + 1);
    INFO(heading);
    const auto r = run_vtt({"rule", id});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    const auto head = heading + " (";
    REQUIRE(r.out.rfind(head, 0) == 0);
    const auto body_start = r.out.find("\n\n") + 2;
    const auto tail = "\n\nSilence it for a run with --ignore " + id + " (or --ignore " + name + ").\n";
    const auto body_end = r.out.rfind(tail);
    REQUIRE(body_end != std::string::npos);
    CHECK(r.out.substr(body_start, body_end - body_start) == body);
    CHECK(r.out.substr(body_end + tail.size()) ==
          "Online: https://github.com/vttkit/vttkit/blob/main/docs/lint-rules.md#" +
              std::string(1, static_cast<char>(id[0] - 'A' + 'a')) + id.substr(1) + "-" + name + "\n");
  }
  // The first line: severity and profile from the rule table (its docs row says the same).
  CHECK(run_vtt({"rule", "W103"}).out.rfind("W103 short-hours (warning, profile default)\n\n**Catches** ", 0) == 0);
  CHECK(run_vtt({"rule", "gap-too-small"}).out.rfind("S206 gap-too-small (warning, profile subtitle)\n", 0) == 0);
  CHECK(run_vtt({"rule", "e001"}).out.rfind("E001 missing-signature (error, profile default)\n", 0) == 0);
}

TEST_CASE("rule: every rule with id, name, severity, profile and summary", "[cli][rule]") {
  const auto r = run_vtt({"rule"});
  CHECK(r.code == 0);
  const auto list = lines(r.out);
  REQUIRE(list.size() == doc_rule_sections().size() + 1);
  CHECK(list[0] == "ID    NAME                       SEVERITY  PROFILE     SUMMARY");
  CHECK(list[1] ==
        "E001  missing-signature          error     default     no `WEBVTT` signature: the file has no cues");
  CHECK(list[9] == "W103  short-hours                warning   default     hours written with fewer than two digits");
  CHECK(list.back() ==
        "T304  short-interjection         warning   transcript  a one-cue turn of a few words inside another speaker's "
        "sentence");
}

TEST_CASE("rule: a family letter or id prefix lists its rules", "[cli][rule]") {
  const auto all = lines(run_vtt({"rule"}).out);
  for (const std::string prefix : {"T", "s20", "W1"}) {
    const auto r = run_vtt({"rule", prefix});
    INFO(prefix);
    CHECK(r.code == 0);
    // The header, then exactly the lines of the full list whose id starts with the prefix.
    std::vector<std::string> expected{all[0]};
    for (std::size_t i = 1; i < all.size(); ++i)
      if (all[i].size() > prefix.size() && Catch::toLower(all[i].substr(0, prefix.size())) == Catch::toLower(prefix))
        expected.push_back(all[i]);
    CHECK(expected.size() >= 3);
    CHECK(lines(r.out) == expected);
  }
}

TEST_CASE("rule: an unknown rule is a usage error naming the closest", "[cli][rule]") {
  const auto typo = run_vtt({"rule", "shrt-hours"});
  CHECK(typo.code == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err ==
        "vtt: rule: unknown rule 'shrt-hours'; did you mean 'short-hours'?\nRun 'vtt rule' for the list of rules.\n");
  CHECK(run_vtt({"rule", "W13"}).err.find("did you mean 'W103'?") != std::string::npos);
  const auto far = run_vtt({"rule", "nothing-like-it"});
  CHECK(far.code == 2);
  CHECK(far.err == "vtt: rule: unknown rule 'nothing-like-it'\nRun 'vtt rule' for the list of rules.\n");
  // An empty argument (an unset variable in a script) names no rule: not the whole list.
  const auto empty = run_vtt({"rule", ""});
  CHECK(empty.code == 2);
  CHECK(empty.out.empty());
  CHECK(empty.err == "vtt: rule: an empty rule id or name\nRun 'vtt rule' for the list of rules.\n");
}
