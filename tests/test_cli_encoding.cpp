// End-to-end runs of the vtt program on inputs in other encodings, and the cap on repeated
// diagnostics. Every input is written byte by byte here.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

/// ASCII and Latin-1 text as UTF-16LE bytes after a byte order mark.
std::string utf16le(std::string_view latin1) {
  std::string out = "\xFF\xFE";
  for (const char c : latin1) {
    out += c;
    out += '\0';
  }
  return out;
}

std::size_t count(std::string_view s, std::string_view what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string_view::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

// French in Windows-1252: é E9, à E0, ç E7, ’ 92, “ 93, ” 94.
const std::string french_1252 =
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nD\xE9j\xE0 vu, gar\xE7on\n\n00:00:02.000 --> 00:00:03.000\n"
    "\x93Oui\x94, l\x92\x61mi\n";
const std::string french_utf8 =
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nD\xC3\xA9j\xC3\xA0 vu, gar\xC3\xA7on\n\n00:00:02.000 --> "
    "00:00:03.000\n\xE2\x80\x9COui\xE2\x80\x9D, l\xE2\x80\x99\x61mi\n";
const std::string guess_warning =
    "vtt: warning: -:4: not UTF-8: read as windows-1252 (--encoding NAME reads another encoding, --encoding utf-8 "
    "reads it as UTF-8)\n";

}  // namespace

TEST_CASE("vtt convert reads a UTF-16 SubRip file with a byte order mark", "[cli][encoding]") {
  temp_dir dir;
  write_file(dir.file("in.srt"), utf16le("1\r\n00:00:01,000 --> 00:00:02,000\r\nGar\xE7on\r\n\r\n2\r\n"
                                         "00:00:03,000 --> 00:00:04,000\r\nNo\xEBl\r\n"));
  const auto r = run_vtt({"convert", "--to", "txt", "--speaker-labels", "none", dir.file("in.srt")});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "Gar\xC3\xA7on No\xC3\xABl\n");
}

TEST_CASE("vtt convert guesses Windows-1252 with one warning", "[cli][encoding]") {
  const auto r = run_vtt({"convert"}, french_1252);
  CHECK(r.code == 0);
  CHECK(r.out == french_utf8);
  CHECK(r.err == guess_warning);
  CHECK(run_vtt({"convert", "-q"}, french_1252).err.empty());
  CHECK(run_vtt({"merge", "--to", "txt"}, french_1252).err == guess_warning);
  // lint does not guess: WebVTT is UTF-8, so the bytes are E005 (6 of them) unless --encoding
  // names the encoding.
  const auto lint = run_vtt({"lint", "-q"}, french_1252);
  CHECK(lint.code == 1);
  CHECK(count(lint.out, "[E005]") == 6);
  CHECK(lint.out.find("windows-1252") == std::string::npos);
  const auto named = run_vtt({"lint", "--encoding", "windows-1252"}, french_1252);
  CHECK(named.code == 0);
  CHECK(named.out.empty());
}

TEST_CASE("vtt --encoding utf-8 turns the guess off; --encoding latin1 converts", "[cli][encoding]") {
  const auto utf8 = run_vtt({"convert", "--encoding", "utf-8", "--to", "txt"}, french_1252);
  CHECK(utf8.code == 0);  // E005 is an error, but convert fails on errors only with --strict
  CHECK(utf8.out ==
        "D\xEF\xBF\xBDj\xEF\xBF\xBD vu, gar\xEF\xBF\xBDon \xEF\xBF\xBDOui\xEF\xBF\xBD, "
        "l\xEF\xBF\xBD\x61mi\n");
  CHECK(count(utf8.err, "[E005]") == 6);
  CHECK(utf8.err.find("windows-1252") == std::string::npos);
  CHECK(run_vtt({"lint", "--encoding", "UTF-8", "-q"}, french_1252).code == 1);

  const auto latin1 = run_vtt({"convert", "--encoding", "latin1", "--to", "txt"},
                              "WEBVTT\n\n00:01.000 --> "
                              "00:02.000\nNo\xEBl \xE0 Z\xFCrich\n");
  CHECK(latin1.code == 0);
  CHECK(latin1.err.empty());
  CHECK(latin1.out == "No\xC3\xABl \xC3\xA0 Z\xC3\xBCrich\n");
}

TEST_CASE("vtt --encoding with an unknown name is a usage error", "[cli][encoding]") {
  for (const char* command : {"convert", "fmt", "lint", "merge", "stitch", "speakers"}) {
    INFO(command);
    const auto r = run_vtt({command, "--encoding", "klingon"}, "WEBVTT\n");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--encoding: unknown encoding 'klingon'") != std::string::npos);
  }
}

TEST_CASE("A file invalid in UTF-8 and Windows-1252 is read as UTF-8 with U+FFFD", "[cli][encoding]") {
  // 81 is neither; E9 after it is then invalid UTF-8 as well.
  const auto r = run_vtt({"convert", "--to", "txt"}, "WEBVTT\n\n00:01.000 --> 00:02.000\n\x81x\xE9\n");
  CHECK(r.out == "\xEF\xBF\xBDx\xEF\xBF\xBD\n");
  CHECK(r.err ==
        "-:4:1: error: invalid UTF-8, replaced by U+FFFD [E005]\n"
        "-:4:3: error: invalid UTF-8, replaced by U+FFFD [E005]\n");
}

TEST_CASE("vtt fmt --in-place rewrites a Windows-1252 file in UTF-8 and says so", "[cli][encoding][fmt]") {
  temp_dir dir;
  write_file(dir.file("fr.vtt"), french_1252);
  const auto r = run_vtt({"fmt", "--in-place", dir.file("fr.vtt")});
  CHECK(r.code == 0);
  CHECK(read_file(dir.file("fr.vtt")) == french_utf8);
  CHECK(r.err == "vtt: " + dir.file("fr.vtt") +
                     ": read as windows-1252 (guessed: not UTF-8 at line 4), written in UTF-8\n"
                     "1 of 1 file reformatted\n");
  // Now UTF-8: nothing to say, nothing to change.
  const auto again = run_vtt({"fmt", "--check", dir.file("fr.vtt")});
  CHECK(again.code == 0);
  CHECK(again.err == "0 of 1 file would be reformatted\n");
  // --check of the original: the file would change; the guess is a warning.
  write_file(dir.file("fr.vtt"), french_1252);
  const auto check = run_vtt({"fmt", "--check", dir.file("fr.vtt")});
  CHECK(check.code == 1);
  CHECK(check.err.find("vtt: warning: " + dir.file("fr.vtt") + ":4: not UTF-8: read as windows-1252") == 0);
}

TEST_CASE("convert shows at most 20 diagnostics of one rule per file, then a count", "[cli][encoding][cap]") {
  std::string input = "WEBVTT\n\n00:01.000 --> 00:02.000\n";
  for (int i = 0; i < 30; ++i) input += std::string("a\0b\n", 4);  // 30 NULs, one per line
  input += "\n00:03.000 --> 00:02.000\nbackwards\n";               // one E003

  const auto convert = run_vtt({"convert", "--to", "txt"}, input);
  CHECK(convert.code == 0);
  CHECK(count(convert.err, "[E006]") == 20);
  CHECK(convert.err.find("-:23:2: error: NUL character") != std::string::npos);  // the 20th: line 4 + 19
  CHECK(convert.err.find("-:24:2:") == std::string::npos);
  CHECK(count(convert.err, "[E003]") == 1);
  CHECK(convert.err.ends_with("-: 10 more E006 nul-character diagnostics not shown\n"));

  // lint is not capped: its findings are its output, in every format.
  const auto lint = run_vtt({"lint"}, input);
  CHECK(lint.code == 1);
  CHECK(count(lint.out, "[E006]") == 30);
  CHECK(lint.out.find("not shown") == std::string::npos);
  CHECK(lint.err == "31 errors, 0 warnings in 1 file\n");
  CHECK(count(run_vtt({"lint", "--format", "json"}, input).out, "\"rule\": \"E006\"") == 30);
  CHECK(count(run_vtt({"lint", "--format", "github"}, input).out, "::error ") == 31);

  // The cap is per file: a second file starts again.
  temp_dir dir;
  write_file(dir.file("a.vtt"), input);
  write_file(dir.file("b.vtt"), input);
  const auto two = run_vtt(
      {"convert", "--to", "txt", "--out-dir", dir.file("out"), "-j", "1", dir.file("a.vtt"), dir.file("b.vtt")});
  CHECK(count(two.err, "[E006]") == 40);
  CHECK(count(two.err, "more E006 nul-character diagnostics not shown") == 2);
}
