// The program with SubRip: the WebVTT to SubRip round trip, inputs without any entry, the
// override-tag warning, and --out-dir names for inputs that share a stem.
#include <catch2/catch.hpp>

#include <string>

#include <sys/stat.h>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

const std::string entry = "1\n00:00:01,000 --> 00:00:02,000\nhi\n";

}  // namespace

TEST_CASE("vtt to srt to json keeps the text after a line of spaces", "[cli][srt]") {
  const auto srt = run_vtt({"convert", "--to", "srt"}, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n \nhello world\n");
  CHECK(srt.code == 0);
  CHECK(srt.out == "1\n00:00:01,000 --> 00:00:02,000\nhello world\n");
  const auto json = run_vtt({"convert", "--from", "srt", "--to", "json"}, srt.out);
  CHECK(json.code == 0);
  CHECK(json.err.empty());
  CHECK(json.out ==
        "{\"title\": null, \"cues\": [\n"
        "{\"id\": \"1\", \"start\": 1, \"end\": 2, \"speaker\": null, \"text\": \"hello world\", \"raw\": \"hello "
        "world\", \"settings\": {}}\n]}\n");
}

TEST_CASE("SubRip input without any entry fails; an empty one does not", "[cli][srt]") {
  temp_dir d;
  write_file(d.file("notes.srt"), "Some notes,\nnot subtitles.\n");
  const auto r = run_vtt({"convert", "--to", "json", d.file("notes.srt"), "-o", d.file("notes.json")});
  CHECK(r.code == 1);
  CHECK(r.err.find("notes.srt:1:1: error: no SubRip entry") != std::string::npos);
  CHECK(r.err.find("[E001]") != std::string::npos);
  CHECK(!exists(d.file("notes.json")));
  const auto piped = run_vtt({"convert", "--from", "srt"}, "1\n00:00:01 -> 00:00:02\nx\n");
  CHECK(piped.code == 1);
  CHECK(piped.out.empty());
  write_file(d.file("empty.srt"), "\n\n");
  const auto empty = run_vtt({"convert", "--to", "json", d.file("empty.srt")});
  CHECK(empty.code == 0);
  CHECK(empty.err.empty());
  CHECK(empty.out == "{\"title\": null, \"cues\": []}\n");
}

TEST_CASE("SubRip override tags: one warning per file, --quiet silences it", "[cli][srt]") {
  const std::string srt =
      "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}{\\i1}x\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\b1}y\n";
  const auto r = run_vtt({"convert", "--from", "srt"}, srt);
  CHECK(r.code == 0);
  CHECK(r.err ==
        "-:3:7: warning: SubRip override tag {\\i1} removed (WebVTT has none; reported once per file) [W109]\n");
  CHECK(r.out == "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000 line:0\nx\n\n2\n00:00:03.000 --> 00:00:04.000\ny\n");
  CHECK(run_vtt({"convert", "--from", "srt", "--strict"}, srt).code == 0);  // a warning, not an error
  const auto quiet = run_vtt({"convert", "--from", "srt", "--quiet"}, srt);
  CHECK(quiet.err.empty());
  CHECK(quiet.out == r.out);
  // Other warnings stay lint's job.
  CHECK(run_vtt({"convert"}, "WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nx\n").err.empty());
}

TEST_CASE("out-dir: inputs that differ only in their extension keep it", "[cli][batch][srt]") {
  temp_dir d;
  ::mkdir(d.file("in").c_str(), 0755);
  ::mkdir(d.file("in/sub").c_str(), 0755);
  write_file(d.file("in/talk.vtt"), "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfrom vtt\n");
  write_file(d.file("in/talk.srt"), "1\n00:00:01,000 --> 00:00:02,000\nfrom srt\n");
  write_file(d.file("in/intro.vtt"), "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nintro\n");
  write_file(d.file("in/sub/talk.srt"), entry);
  for (const char* jobs : {"1", "3"}) {
    INFO(jobs);
    const auto out = d.file(std::string("out") + jobs);
    const auto r = run_vtt({"convert", "-r", "-j", jobs, "--to", "txt", "--out-dir", out, d.file("in")});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(read_file(out + "/talk.vtt.txt") == "from vtt\n");
    CHECK(read_file(out + "/talk.srt.txt") == "from srt\n");
    CHECK(read_file(out + "/intro.txt") == "intro\n");
    CHECK(read_file(out + "/sub/talk.txt") == "hi\n");  // alone in its folder
    CHECK(!exists(out + "/talk.txt"));
  }
  // Named on the command line, in either order; the same file twice still clashes.
  const auto r = run_vtt(
      {"convert", "--to", "txt", "--out-dir", d.file("named"), d.file("in/talk.srt"), d.file("in/talk.vtt")});
  CHECK(r.code == 0);
  CHECK(read_file(d.file("named/talk.srt.txt")) == "from srt\n");
  CHECK(read_file(d.file("named/talk.vtt.txt")) == "from vtt\n");
  const auto twice = run_vtt(
      {"convert", "--to", "txt", "--out-dir", d.file("twice"), d.file("in/talk.vtt"), d.file("in/talk.vtt")});
  CHECK(twice.code == 1);
  CHECK(twice.err.find("another input already writes") != std::string::npos);
}
