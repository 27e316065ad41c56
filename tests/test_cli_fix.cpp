// vtt fix and fmt --fix end to end: outputs written by hand from docs/commands.md ("vtt fix").
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

const std::string messy = std::string(VTTKIT_SAMPLES_DIR) + "/messy.vtt";
const std::string bad = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

TEST_CASE("vtt fix repairs the messy sample", "[cli][fix]") {
  const std::string head =
      "WEBVTT\n\nNOTE a messy file: every line below has a defect vtt lint reports\n\n"
      "1\n00:00:01.000 --> 00:00:03.000\n<v Ana>First line &nbsp; that runs on\n\n2\n";
  const std::string tail =
      "\n<v Ana>Ends before it starts.\n\n00:00:04.000 --> 00:00:05.000\n<v Ben>A missing blank line\n\n"
      "00:00:05.000 --> 00:00:06.000\n<v ben >and a bad tag\n\n00:00:07.000 --> 00:00:08.000\n"
      "This cue has a broken arrow and is dropped.\n\n00:00:09.000 --> 00:00:10.000\n"
      "<v Ana>Short hours, and bad bytes: " +
      bad + bad + "\n";
  auto r = run_vtt({"fix", messy});
  CHECK(r.code == 0);
  CHECK(r.out == head + "00:00:02.500 --> 00:00:02.000" + tail);
  CHECK(r.err.find(messy + ":10:1: error: end before start: start and end swapped (00:00:02.000 --> 00:00:02.500) "
                           "(unsafe fix, not made: vtt fix --unsafe-fixes makes it) [E003]\n") != std::string::npos);
  CHECK(r.err.find(messy + ":16:15: warning: tag <blink> that players ignore removed (its text is kept) (safe fix) "
                           "[W105]\n") != std::string::npos);
  CHECK(
      r.err.ends_with("9 repairs made, 1 of 1 file changed; 1 unsafe repair not made (vtt fix --unsafe-fixes "
                      "makes them)\n"));
  r = run_vtt({"fix", "--unsafe-fixes", "-q", messy});
  CHECK(r.out == head + "00:00:02.000 --> 00:00:02.500" + tail);
  // fmt --fix makes the safe repairs.
  CHECK(run_vtt({"fmt", "--fix", "-q", messy}).out == head + "00:00:02.500 --> 00:00:02.000" + tail);
}

TEST_CASE("vtt fix --check and --diff write nothing and exit 1 when a file would change", "[cli][fix]") {
  temp_dir dir;
  const auto in = dir.file("t.vtt");
  write_file(in, "WEBVTT\n\n00:01.000 --> 00:02.000\nTom & Jerry\n");
  auto r = run_vtt({"fix", "--check", in});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == in + ":4:5: warning: character reference the validator rejects written again as players read it ('&' "
                      "alone as '&amp;') (safe fix) [W106]\n1 repair to make, 1 of 1 file would change\n");
  r = run_vtt({"fix", "--diff", "-q", in});
  CHECK(r.code == 1);
  CHECK(r.out == "--- " + in + "\n+++ " + in +
                     " (fixed)\n@@ -1,4 +1,4 @@\n WEBVTT\n \n-00:01.000 --> 00:02.000\n-Tom & Jerry\n"
                     "+00:00:01.000 --> 00:00:02.000\n+Tom &amp; Jerry\n");
  CHECK(read_file(in) == "WEBVTT\n\n00:01.000 --> 00:02.000\nTom & Jerry\n");
  REQUIRE(run_vtt({"fix", "-q", "--in-place", in}).code == 0);
  CHECK(read_file(in) == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTom &amp; Jerry\n");
  r = run_vtt({"fix", "--check", in});
  CHECK(r.code == 0);
  CHECK(r.err == "0 repairs to make, 0 of 1 file would change\n");
  CHECK(run_vtt({"fix", "--diff", in}).out.empty());
}

TEST_CASE("vtt fix never writes over an input by accident", "[cli][fix]") {
  temp_dir dir;
  const auto a = dir.file("a.vtt"), b = dir.file("b.vtt");
  write_file(a, "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n");
  write_file(b, "WEBVTT\n\n00:01.000 --> 00:02.000\nB\n");
  auto r = run_vtt({"fix", a, "-o", a});
  CHECK(r.code == 2);
  CHECK(r.err == "vtt: fix: -o " + a + " is an input: use --in-place to rewrite it\n");
  r = run_vtt({"fix", a, b});
  CHECK(r.code == 2);
  CHECK(r.err == "vtt: fix: several inputs need --in-place, --check, --diff or --out-dir DIR\n");
  r = run_vtt({"fix", "--in-place"}, "WEBVTT\n");
  CHECK(r.code == 2);
  CHECK(read_file(a) == "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n");
  r = run_vtt({"fix", "-q", "--out-dir", dir.file("out"), a, b});
  CHECK(r.code == 0);
  CHECK(read_file(dir.file("out/b.vtt")) == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nB\n");
  // --in-place through a symbolic link rewrites the file it names; the link stays a link.
  const auto link = dir.file("link.vtt");
  std::filesystem::create_symlink(a, link);
  REQUIRE(run_vtt({"fix", "-q", "--in-place", link}).code == 0);
  CHECK(std::filesystem::is_symlink(link));
  CHECK(read_file(a) == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n");
}

TEST_CASE("vtt fix refuses a file that is not WebVTT", "[cli][fix]") {
  const auto r = run_vtt({"fix", "-"}, "1\n00:00:01,000 --> 00:00:02,000\nHi\n");
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("vtt: -: not WebVTT (no WEBVTT signature): not fixed\n") != std::string::npos);
}

TEST_CASE("vtt fix --overlap and --close-voice", "[cli][fix]") {
  const std::string in = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v A>x\n\n00:02.000 --> 00:04.000\ny\n";
  auto r = run_vtt({"fix", "-q", "--overlap", "trim", "--unsafe-fixes", "--close-voice"}, in);
  CHECK(r.out == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>x</v>\n\n00:00:02.000 --> 00:00:04.000\ny\n");
  r = run_vtt({"fix", "-q", "--overlap", "shift"}, in);  // unsafe: only reported (-q: errors only)
  CHECK(r.out == "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v A>x\n\n00:00:02.000 --> 00:00:04.000\ny\n");
  CHECK(r.err.empty());
  r = run_vtt({"fix", "--overlap", "shift"}, in);
  CHECK(r.err.rfind("-:6:1: warning: overlaps the cue before: moved 1000 ms later, to 00:00:03.000 (unsafe fix, not "
                    "made: vtt fix --unsafe-fixes makes it) [W102]\n",
                    0) == 0);
  r = run_vtt({"fix", "--overlap", "sideways"}, in);
  CHECK(r.code == 2);
}

TEST_CASE("vtt fix shows 20 findings of a rule per file, then a count", "[cli][fix]") {
  std::string in = "WEBVTT\n";
  for (int i = 0; i < 25; ++i) in += "\n0:00:0" + std::to_string(i % 10) + ".000 --> 0:00:10.000\nx\n";
  const auto r = run_vtt({"fix"}, in);
  CHECK(r.code == 0);
  std::size_t shown = 0;
  for (auto at = r.err.find("[W103]"); at != std::string::npos; at = r.err.find("[W103]", at + 1)) ++shown;
  CHECK(shown == 20);
  CHECK(r.err.find("-: 5 more W103 short-hours diagnostics not shown\n") != std::string::npos);
  std::size_t padded = 0;  // every repair made, shown or not
  for (auto at = r.out.find("--> 00:00:10.000"); at != std::string::npos; at = r.out.find("--> 00:00:10.000", at + 1))
    ++padded;
  CHECK(padded == 25);
}
