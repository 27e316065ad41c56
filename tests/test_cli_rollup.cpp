// End-to-end runs over roll-up captions and word timings: --rollup, the message on standard
// error, the vtt, txt and json results. The input is written for this test in the shape of
// YouTube's automatic captions.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli_runner.hpp"

using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

const std::string rolling =
    "WEBVTT\nKind: captions\nLanguage: en\n\n"
    "00:00:00.500 --> 00:00:02.000 align:start position:0%\n"
    " \nboats<00:00:00.800><c> leave</c><00:00:01.200><c> the</c><00:00:01.500><c> harbour.</c>\n\n"
    "00:00:02.000 --> 00:00:02.010 align:start position:0%\n"
    "boats leave the harbour.\n \n\n"
    "00:00:02.010 --> 00:00:04.000 align:start position:0%\n"
    "boats leave the harbour.\nthey<00:00:02.400><c> return</c><00:00:03.000><c> at</c><00:00:03.500><c> night.</c>\n\n"
    "00:00:04.000 --> 00:00:04.010 align:start position:0%\n"
    "they return at night.\n \n";

const std::string message = ": roll-up captions, repeated lines removed (--rollup off keeps them)\n";

}  // namespace

TEST_CASE("roll-up captions: txt has each word once, and one line on standard error", "[cli][rollup]") {
  temp_dir dir;
  const auto in = dir.file("captions.en.vtt");
  write_file(in, rolling);
  auto r = run_vtt({"convert", "--to", "txt", in});
  CHECK(r.code == 0);
  CHECK(r.out == "boats leave the harbour. they return at night.\n");
  CHECK(r.err == "vtt: " + in + message);
  r = run_vtt({"convert", "-q", "--to", "txt", in});
  CHECK(r.out == "boats leave the harbour. they return at night.\n");
  CHECK(r.err.empty());
  // off: as written, each line two or three times, and nothing said.
  r = run_vtt({"convert", "--rollup", "off", "--to", "txt", in});
  CHECK(r.out ==
        "boats leave the harbour. boats leave the harbour. boats leave the harbour. they return at night. they "
        "return at night.\n");
  CHECK(r.err.empty());
  CHECK(run_vtt({"convert", "--rollup", "maybe", in}).code == 2);
}

TEST_CASE("roll-up captions: clean vtt keeps the new lines with their word timings", "[cli][rollup]") {
  const auto r = run_vtt({"convert", "-q"}, rolling);
  CHECK(r.code == 0);
  CHECK(r.out ==
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:00.500 --> 00:00:02.000 align:start position:0%\n"
        "boats<00:00:00.800><c> leave</c><00:00:01.200><c> the</c><00:00:01.500><c> harbour.</c>\n\n"
        "00:00:02.010 --> 00:00:04.000 align:start position:0%\n"
        "they<00:00:02.400><c> return</c><00:00:03.000><c> at</c><00:00:03.500><c> night.</c>\n");
}

TEST_CASE("word timings in json and jsonl; stitch cuts at them", "[cli][rollup][words]") {
  auto r = run_vtt({"convert", "-q", "--to", "jsonl"}, rolling);
  CHECK(r.out ==
        "{\"id\": \"\", \"start\": 0.5, \"end\": 2, \"speaker\": null, \"text\": \"boats leave the harbour.\", "
        "\"raw\": \"boats<00:00:00.800><c> leave</c><00:00:01.200><c> the</c><00:00:01.500><c> harbour.</c>\", "
        "\"settings\": {\"align\": \"start\", \"position\": \"0%\"}, \"words\": [{\"text\": \"boats\", \"start\": 0.5, "
        "\"end\": 0.8}, {\"text\": \"leave\", \"start\": 0.8, \"end\": 1.2}, {\"text\": \"the\", \"start\": 1.2, "
        "\"end\": 1.5}, {\"text\": \"harbour.\", \"start\": 1.5, \"end\": 2}]}\n"
        "{\"id\": \"\", \"start\": 2.01, \"end\": 4, \"speaker\": null, \"text\": \"they return at night.\", "
        "\"raw\": \"they<00:00:02.400><c> return</c><00:00:03.000><c> at</c><00:00:03.500><c> night.</c>\", "
        "\"settings\": {\"align\": \"start\", \"position\": \"0%\"}, \"words\": [{\"text\": \"they\", \"start\": 2.01, "
        "\"end\": 2.4}, {\"text\": \"return\", \"start\": 2.4, \"end\": 3}, {\"text\": \"at\", \"start\": 3, "
        "\"end\": 3.5}, {\"text\": \"night.\", \"start\": 3.5, \"end\": 4}]}\n");
  // No inline timestamps: no "words" key.
  r = run_vtt({"convert", "--to", "jsonl"}, "WEBVTT\n\n00:01.000 --> 00:02.000\nplain\n");
  CHECK(r.out.find("words") == std::string::npos);
  // Stitch: the first sentence ends when "leave." ends (3 s), not at 12/23 of the cue (2.087 s).
  r = run_vtt({"stitch", "--to", "srt"},
              "WEBVTT\n\n00:00.000 --> 00:04.000\nBoats<00:01.000> leave.<00:03.000> Then<00:03.500> rain.\n");
  CHECK(r.out == "1\n00:00:00,000 --> 00:00:03,000\nBoats leave.\n\n2\n00:00:03,000 --> 00:00:04,000\nThen rain.\n");
  CHECK(r.err.empty());
}

TEST_CASE("roll-up captions: shift, scale and cut change times only, every line kept", "[cli][rollup]") {
  temp_dir dir;
  const auto in = dir.file("captions.en.vtt");
  write_file(in, rolling);
  const auto cues = [](const std::string& vtt) {
    std::size_t n = 0;
    for (auto at = vtt.find(" --> "); at != std::string::npos; at = vtt.find(" --> ", at + 1)) ++n;
    return n;
  };
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"shift", "1"}, {"scale", "--factor", "1"}, {"cut", "--start", "0", "--end", "10"}}) {
    INFO(args[0]);
    std::vector<std::string> command = args;
    command.push_back(in);
    const auto r = run_vtt(command);
    CHECK(r.code == 0);
    CHECK(r.err.empty());     // no roll-up message: nothing was removed
    CHECK(cues(r.out) == 4);  // the four cues of the input
    CHECK(r.out.find("boats leave the harbour.\nthey") != std::string::npos);  // the repeated line kept
  }
  // Asked for, it is done.
  CHECK(cues(run_vtt({"shift", "--rollup", "on", "1", in}).out) < 4);
}

TEST_CASE("roll-up captions: a pause after a line's last word starts a paragraph", "[cli][rollup][paragraph]") {
  // Each line stays on screen until the next begins, so the cues leave no gap; the words tell
  // that "late" starts at 3.9 s and the next line at 9.56 s: a pause of over 2 s.
  const std::string paused =
      "WEBVTT\n\n"
      "00:00:00.000 --> 00:00:02.350 align:start position:0%\n"
      " \nboats<00:00:00.440><c> leave</c><00:00:00.900><c> at</c><00:00:01.300><c> dawn</c>\n\n"
      "00:00:02.350 --> 00:00:02.360 align:start position:0%\nboats leave at dawn\n \n\n"
      "00:00:02.360 --> 00:00:09.550 align:start position:0%\n"
      "boats leave at dawn\nand<00:00:02.800><c> come</c><00:00:03.200><c> back</c><00:00:03.900><c> late</c>\n\n"
      "00:00:09.550 --> 00:00:09.560 align:start position:0%\nand come back late\n \n\n"
      "00:00:09.560 --> 00:00:12.000 align:start position:0%\n"
      "and come back late\nthe<00:00:09.900><c> harbour</c><00:00:10.300><c> is</c><00:00:10.800><c> quiet</c>\n";
  temp_dir dir;
  const auto in = dir.file("captions.en.vtt");
  write_file(in, paused);
  auto r = run_vtt({"convert", "-q", "--to", "md", in});
  CHECK(r.code == 0);
  CHECK(r.out == "[00:00:00] boats leave at dawn and come back late\n\n[00:00:09] the harbour is quiet\n");
  r = run_vtt({"convert", "-q", "--to", "md", "--paragraph-gap", "5", in});  // 4.66 s is no pause now
  CHECK(r.out == "[00:00:00] boats leave at dawn and come back late the harbour is quiet\n");
}
