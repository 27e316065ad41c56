// vtt speakers --suspicious and --repair-speakers, end to end.
#include <catch2/catch.hpp>

#include <string>

#include "cli_runner.hpp"

using vtt_test::run_vtt;

namespace {

// Ann's sentence runs on into Ben's first cue (T303 at line 6); Ben's "you know" sits inside
// Ann's next sentence with no pause (T304 at line 12).
const std::string talk =
    "WEBVTT\n"
    "\n"
    "00:00:01.000 --> 00:00:03.000\n"
    "<v Ann>We drove back to the\n"
    "\n"
    "00:00:03.000 --> 00:00:05.000\n"
    "<v Ben>station. Then we ate.\n"
    "\n"
    "00:00:06.000 --> 00:00:08.000\n"
    "<v Ann>It rained all day and\n"
    "\n"
    "00:00:08.100 --> 00:00:08.500\n"
    "<v Ben>you know\n"
    "\n"
    "00:00:08.600 --> 00:00:10.000\n"
    "<v Ann>the roads were closed.\n";

}  // namespace

TEST_CASE("speakers --suspicious lists the changes as a table", "[cli][joints]") {
  const auto r = run_vtt({"speakers", "--suspicious"}, talk);
  CHECK(r.code == 0);
  CHECK(r.out ==
        "  line  time          rule  joint\n"
        "     6  00:00:03.000  T303  speaker changes from \"Ann\" to \"Ben\" inside a sentence: "
        "\"We drove back to the | station. Then we ate.\"\n"
        "    12  00:00:08.100  T304  short turn of \"Ben\" inside a sentence of \"Ann\": "
        "\"It rained all day and | you know | the roads were closed.\"\n");
}

TEST_CASE("speakers --suspicious --json lists the changes as JSON", "[cli][joints]") {
  const auto r = run_vtt({"speakers", "--suspicious", "--json"}, talk);
  CHECK(r.code == 0);
  CHECK(r.out ==
        "{\"suspicious\": [\n"
        "  {\"rule\": \"T303\", \"name\": \"suspicious-speaker-change\", \"line\": 6, \"time\": 3.000, "
        "\"from\": \"Ann\", \"to\": \"Ben\", \"before\": \"We drove back to the\", \"after\": \"station. Then we "
        "ate.\"},\n"
        "  {\"rule\": \"T304\", \"name\": \"short-interjection\", \"line\": 12, \"time\": 8.100, "
        "\"from\": \"Ann\", \"to\": \"Ben\", \"before\": \"It rained all day and\", \"after\": \"you know | the "
        "roads were closed.\"}\n"
        "]}\n");
  // Nothing suspicious: an empty list.
  CHECK(run_vtt({"speakers", "--suspicious", "--json"}, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Hi.\n").out ==
        "{\"suspicious\": []}\n");
}

TEST_CASE("repair-speakers gives a split sentence's end and an interjection back", "[cli][joints][repair]") {
  const auto r = run_vtt({"convert", "--repair-speakers"}, talk);
  CHECK(r.code == 0);
  // "station." goes to Ann; its end is interpolated by code point: 9 of the cue's 21
  // ("station. " of "station. Then we ate."), 3.000 + 2.000 * 9 / 21 = 3.857.
  CHECK(r.out ==
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.000\n<v Ann>We drove back to the\n\n"
        "00:00:03.000 --> 00:00:03.857\n<v Ann>station.\n\n"
        "00:00:03.857 --> 00:00:05.000\n<v Ben>Then we ate.\n\n"
        "00:00:06.000 --> 00:00:08.000\n<v Ann>It rained all day and\n\n"
        "00:00:08.100 --> 00:00:08.500\n<v Ann>you know\n\n"
        "00:00:08.600 --> 00:00:10.000\n<v Ann>the roads were closed.\n");
  CHECK(r.err ==
        "-:6:1: warning: repaired: 1 word to the sentence end (\"station.\") now spoken by \"Ann\", not \"Ben\" "
        "[T303]\n"
        "-:12:1: warning: repaired: \"you know\" now spoken by \"Ann\", not \"Ben\" [T304]\n");
  // Without the flag nothing moves.
  CHECK(run_vtt({"convert"}, talk).out.find("<v Ben>station. Then we ate.") != std::string::npos);
}

TEST_CASE("repair-speakers runs before merge and stitch", "[cli][joints][repair]") {
  const auto merged = run_vtt({"merge", "--repair-speakers", "-q", "--to", "txt"}, talk);
  CHECK(merged.code == 0);
  CHECK(merged.out ==
        "Ann: We drove back to the station.\n\nBen: Then we ate.\n\n"
        "Ann: It rained all day and you know the roads were closed.\n");
  const auto stitched = run_vtt({"stitch", "--repair-speakers", "-q", "--to", "txt"}, talk);
  CHECK(stitched.out == merged.out);
}
