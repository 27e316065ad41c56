// End-to-end runs of the timing commands: shift, scale and cut, with results worked out by
// hand on small inputs, the warning for dropped cues and the refusals of bad arguments.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.hpp"

using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

const std::string talk =
    "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n"
    "1\n00:00:00.500 --> 00:00:01.000\nHello.\n\n"
    "2\n00:00:01.000 --> 00:00:03.000\nWelcome <00:00:01.500>to <00:00:02.500>the show.\n\n"
    "3\n00:00:05.000 --> 00:00:06.000\n<v Ann>Thanks.\n";

}  // namespace

TEST_CASE("shift moves every time; the timestamp map stays", "[cli][timing]") {
  temp_dir dir;
  const auto in = dir.file("talk.vtt");
  write_file(in, talk);
  auto r = run_vtt({"shift", "2.5", in});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n"
        "1\n00:00:03.000 --> 00:00:03.500\nHello.\n\n"
        "2\n00:00:03.500 --> 00:00:05.500\nWelcome <00:00:04.000>to <00:00:05.000>the show.\n\n"
        "3\n00:00:07.500 --> 00:00:08.500\n<v Ann>Thanks.\n");
  r = run_vtt({"shift", "-00:00:01.200", "--to", "srt", in});
  CHECK(r.code == 0);
  CHECK(r.err == "vtt: warning: " + in + ":5: 1 cue dropped: it ends at or before 00:00:00.000 once moved\n");
  CHECK(r.out ==
        "1\n00:00:00,000 --> 00:00:01,800\nWelcome to the show.\n\n"
        "2\n00:00:03,800 --> 00:00:04,800\nAnn: Thanks.\n");
  r = run_vtt({"shift", "1s", "--since", "00:00:05", in, "--to", "txt", "--speaker-labels", "none"});
  CHECK(r.code == 0);
  r = run_vtt({"shift", "1s", "--since", "00:00:05", in});
  CHECK(r.out.find("1\n00:00:00.500 --> 00:00:01.000\n") != std::string::npos);
  CHECK(r.out.find("3\n00:00:06.000 --> 00:00:07.000\n") != std::string::npos);
}

TEST_CASE("shift refuses an offset that is not a time", "[cli][timing]") {
  auto r = run_vtt({"shift", "soon", "-"}, "WEBVTT\n");
  CHECK(r.code == 2);
  CHECK(r.err.rfind("vtt: OFFSET: not a time: 'soon'", 0) == 0);
  r = run_vtt({"shift"}, "WEBVTT\n");
  CHECK(r.code == 2);
}

TEST_CASE("scale by frame rates, by two sync points and by a factor", "[cli][timing]") {
  temp_dir dir;
  const auto in = dir.file("talk.vtt");
  write_file(in, talk);
  auto r = run_vtt({"scale", "--fps", "23.976:25", in});
  CHECK(r.code == 0);
  // times 0.95904, to the nearest millisecond
  CHECK(r.out.find("1\n00:00:00.480 --> 00:00:00.959\n") != std::string::npos);
  CHECK(r.out.find("2\n00:00:00.959 --> 00:00:02.877\nWelcome <00:00:01.439>to <00:00:02.398>the show.\n") !=
        std::string::npos);
  CHECK(r.out.find("3\n00:00:04.795 --> 00:00:05.754\n") != std::string::npos);
  r = run_vtt({"scale", "--sync", "00:00:01=00:00:02", "--sync", "00:00:05=00:00:10", in});  // t' = 2t
  CHECK(r.out.find("2\n00:00:02.000 --> 00:00:06.000\nWelcome <00:00:03.000>to <00:00:05.000>the show.\n") !=
        std::string::npos);
  CHECK(r.out.find("3\n00:00:10.000 --> 00:00:12.000\n") != std::string::npos);
  r = run_vtt({"scale", "--factor", "2", in});
  CHECK(r.out.find("3\n00:00:10.000 --> 00:00:12.000\n") != std::string::npos);
}

TEST_CASE("scale refuses what makes no mapping", "[cli][timing]") {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"scale", "-"},
                                             {"scale", "--fps", "25", "-"},
                                             {"scale", "--fps", "0:25", "-"},
                                             {"scale", "--sync", "1=2", "-"},
                                             {"scale", "--sync", "1=2", "--sync", "1=3", "-"},
                                             {"scale", "--sync", "1=5", "--sync", "2=3", "-"},
                                             {"scale", "--fps", "24:25", "--sync", "1=2", "--sync", "3=4", "-"}}) {
    const auto r = run_vtt(args, "WEBVTT\n");
    CHECK(r.code == 2);
    CHECK(r.err.rfind("vtt: ", 0) == 0);
  }
  CHECK(run_vtt({"scale", "--sync", "1=2", "-"}, "WEBVTT\n")
            .err.rfind("vtt: --sync must be given exactly twice (two points OLD=NEW), not 1 time\n", 0) == 0);
}

TEST_CASE("cut keeps the range, trims and rebases", "[cli][timing]") {
  temp_dir dir;
  const auto in = dir.file("talk.vtt");
  write_file(in, talk);
  auto r = run_vtt({"cut", "--start", "1.5", "--end", "5.5", in});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n"
        "2\n00:00:00.000 --> 00:00:01.500\nWelcome <00:00:00.000>to <00:00:01.000>the show.\n\n"
        "3\n00:00:03.500 --> 00:00:04.000\n<v Ann>Thanks.\n");
  r = run_vtt({"cut", "--start", "1.5", "--end", "5.5", "--keep-times", "--to", "srt", in});
  CHECK(r.out ==
        "1\n00:00:01,500 --> 00:00:03,000\nWelcome to the show.\n\n"
        "2\n00:00:05,000 --> 00:00:05,500\nAnn: Thanks.\n");
  r = run_vtt({"cut", "--start", "4", in});
  CHECK(r.out.find("3\n00:00:01.000 --> 00:00:02.000\n") != std::string::npos);
  r = run_vtt({"cut", "--start", "4", "--end", "3", in});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("vtt: --end must be later than --start", 0) == 0);
}

TEST_CASE("concat joins files one after another", "[cli][timing][concat]") {
  temp_dir dir;
  const auto a = dir.file("a.vtt"), b = dir.file("b.vtt");
  write_file(a,
             "WEBVTT\n\nSTYLE\n::cue { color: red }\n\n1\n00:00:01.000 --> 00:00:02.000\nA one\n\n"
             "intro\n00:00:02.000 --> 00:00:04.000\nA <00:00:03.000>two\n");
  write_file(b,
             "WEBVTT - other\n\nSTYLE\n::cue { color: blue }\n\nNOTE hi\n\n1\n00:00:00.500 --> 00:00:01.000\n"
             "B one\n\nintro\n00:00:01.000 --> 00:00:02.000\nB two\n");
  auto r = run_vtt({"concat", a, b});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "WEBVTT\n\nSTYLE\n::cue { color: red }\n\n1\n00:00:01.000 --> 00:00:02.000\nA one\n\n"
        "intro\n00:00:02.000 --> 00:00:04.000\nA <00:00:03.000>two\n\nNOTE hi\n\n"
        "2\n00:00:04.500 --> 00:00:05.000\nB one\n\nintro-2\n00:00:05.000 --> 00:00:06.000\nB two\n");
  CHECK(r.err == "vtt: warning: " + b + ":1: header differs from the first input's: the first input's is kept\n" +
                     "vtt: warning: " + b + ":3: STYLE block differs from the first input's: left out\n" +
                     "vtt: warning: " + b + ":8: cue ids clash with an earlier input's: numbered on from 2\n" +
                     "vtt: warning: " + b + ":12: cue id \"intro\" is an earlier input's: renamed \"intro-2\"\n");
  r = run_vtt({"concat", "-q", "--gap", "1", "--to", "srt", a, b});
  CHECK(r.err.empty());
  CHECK(r.out ==
        "1\n00:00:01,000 --> 00:00:02,000\nA one\n\n2\n00:00:02,000 --> 00:00:04,000\nA two\n\n"
        "3\n00:00:05,500 --> 00:00:06,000\nB one\n\n4\n00:00:06,000 --> 00:00:07,000\nB two\n");
  r = run_vtt({"concat", "-q", "--offset-from-durations", "00:00:10", "--to", "txt", a, b});
  CHECK(r.code == 0);
  r = run_vtt({"concat", "--offset-from-durations", "10,2,3", a, b});
  CHECK(r.code == 2);
  CHECK(r.err ==
        "vtt: --offset-from-durations gives 3 durations for 2 inputs; give one per input (the last may be left "
        "out)\n");
  r = run_vtt({"concat", "--offset-from-durations", "10,soon", a, b});
  CHECK(r.code == 2);
  CHECK(r.err == "vtt: --offset-from-durations: not a time of 0 or more: 'soon'\n");
}

TEST_CASE("concat: a file that fails leaves the next one first", "[cli][timing][concat]") {
  temp_dir dir;
  const auto bad = dir.file("bad.vtt"), a = dir.file("a.vtt"), b = dir.file("b.vtt");
  write_file(bad, "no signature\n");
  write_file(a, "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA\n");
  write_file(b, "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nB\n");
  const auto r = run_vtt({"concat", bad, a, b});
  CHECK(r.code == 1);
  CHECK(r.out == "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA\n\n2\n00:00:02.000 --> 00:00:03.000\nB\n");
  CHECK(r.err.find("vtt: warning: " + b + ":3: cue ids clash") != std::string::npos);
  CHECK(run_vtt({"concat", bad}).out.empty());
}

TEST_CASE("cut at a gap, then concat with the first part's length, gives the file back", "[cli][timing][concat]") {
  temp_dir dir;
  const auto in = dir.file("talk.vtt");
  write_file(in, talk);
  const auto first = dir.file("first.vtt"), second = dir.file("second.vtt");
  REQUIRE(run_vtt({"cut", "--end", "4", in, "-o", first}).code == 0);
  REQUIRE(run_vtt({"cut", "--start", "4", in, "-o", second}).code == 0);
  CHECK(vtt_test::read_file(second) ==
        "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n3\n00:00:01.000 --> 00:00:02.000\n"
        "<v Ann>Thanks.\n");
  const auto r = run_vtt({"concat", "--offset-from-durations", "4", first, second});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == talk);
}

TEST_CASE("cut warns when no cue is left; concat refuses an unreadable input before writing", "[cli][timing]") {
  temp_dir dir;
  const auto a = dir.file("a.vtt"), nope = dir.file("nope.vtt"), out = dir.file("out.vtt");
  write_file(a, "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n");
  auto r = run_vtt({"cut", "--start", "50", "--end", "60", a});
  CHECK(r.code == 0);
  CHECK(r.out == "WEBVTT\n");
  CHECK(r.err == "vtt: warning: " + a +
                     ": no cue overlaps the range 00:00:50.000 to 00:01:00.000 (the cues run from 00:00:01.000 to "
                     "00:00:02.000): the output has none\n");
  // The same outcome with and without -o: a usage error naming the file, nothing written.
  for (const bool to_file : {false, true}) {
    std::vector<std::string> args{"concat", nope, a};
    if (to_file) args.insert(args.end(), {"-o", out});
    r = run_vtt(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "vtt: " + nope + ": No such file or directory (nothing written)\n");
    CHECK_FALSE(std::filesystem::exists(out));
  }
  r = run_vtt({"concat", "--out-dir", dir.path, a});
  CHECK(r.code == 2);
  CHECK(r.err == "vtt: concat writes one output from all its inputs: --out-dir does not apply (use -o FILE)\n");
  r = run_vtt({"concat", "-j", "2", a});
  CHECK(r.code == 2);
  CHECK(r.err == "vtt: concat reads its inputs one after another: -j/--jobs does not apply\n");
}

TEST_CASE("every writing command refuses -o naming an input (usage error)", "[cli][timing]") {
  temp_dir dir;
  const auto a = dir.file("a.vtt");
  const std::string text = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n";
  write_file(a, text);
  const std::vector<std::vector<std::string>> commands = {
      {"shift", "1"}, {"scale", "--factor", "2"}, {"cut", "--start", "1"}, {"convert"}, {"concat"}, {"fmt"}};
  for (auto args : commands) {
    args.insert(args.end(), {a, "-o", a});
    const auto r = run_vtt(args);
    INFO(args.front());
    CHECK(r.code == 2);
    CHECK(r.err == "vtt: -o " + a + ": that is an input file; choose another output name\n");
    CHECK(vtt_test::read_file(a) == text);
  }
}
