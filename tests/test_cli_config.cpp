// The configuration file (docs/config.md): discovery, precedence of flags, the settings it
// gives each command, and each kind of error with its message.
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "cli_runner.hpp"

using namespace vtt_test;
using Catch::Matchers::Contains;

namespace {

/// Runs `vtt ARGS` (shell words, redirections allowed) in folder `dir`; standard input from
/// /dev/null unless ARGS redirects it.
run_result run_in(const std::string& dir, const std::string& args) {
  temp_dir io;
  const auto out = io.file("out"), err = io.file("err");
  const auto command = "cd '" + dir + "' && '" VTT_PROGRAM "' </dev/null " + args + " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

void make_dirs(const std::string& path) { REQUIRE(std::system(("mkdir -p '" + path + "'").c_str()) == 0); }

/// One cue whose line has 50 characters: S201 with a limit under 50.
const std::string long_line =
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nThis line is surely longer than ten characters...\n";

/// The ```toml block of docs/config.md's "Example" section.
std::string documented_example() {
  const auto doc = read_file(VTTKIT_DOCS_DIR "/config.md");
  const auto section = doc.find("\n## Example\n");
  REQUIRE(section != std::string::npos);
  const auto begin = doc.find("```toml\n", section);
  REQUIRE(begin != std::string::npos);
  const auto end = doc.find("\n```", begin + 8);
  return doc.substr(begin + 8, end - begin - 8 + 1);
}

}  // namespace

TEST_CASE("config: found from the input's folder up, nearest first", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file("a/b"));
  make_dirs(dir.file(".git"));
  write_file(dir.file("vtt.toml"), "[lint]\nmax-line-length = 10\n");
  write_file(dir.file("a/b/x.vtt"), long_line);
  auto r = run_in(dir.path, "config a/b/x.vtt");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("# config file: vtt.toml\n"));
  CHECK_THAT(r.out, Contains("lint.max-line-length = 10  # vtt.toml:2\n"));
  CHECK_THAT(r.out, Contains("lint.max-lines = 2  # default\n"));
  // A nearer file wins, and it is not merged with the one above.
  write_file(dir.file("a/.vtt.toml"), "[lint]\nmax-lines = 4\n");
  r = run_in(dir.path, "config a/b/x.vtt");
  CHECK_THAT(r.out, Contains("# config file: a/.vtt.toml\n"));
  CHECK_THAT(r.out, Contains("lint.max-lines = 4  # a/.vtt.toml:2\n"));
  CHECK_THAT(r.out, Contains("lint.max-line-length = 42  # default\n"));
  // Standard input: from the current folder.
  r = run_in(dir.file("a/b"), "config");
  CHECK_THAT(r.out, Contains("# config file: ../.vtt.toml\n"));
  write_file(dir.file("a/.vtt.toml"), "[lint]\nprofile = \"subtitle\"\nmax-line-length = 10\n");
  r = run_in(dir.file("a/b"), "lint - < x.vtt");
  CHECK_THAT(r.out, Contains("-:4:1: warning:"));
  CHECK_THAT(r.out, Contains("[S201]"));
  CHECK(run_in(dir.file("a/b"), "lint x.vtt < /dev/null").out == r.out.substr(1).insert(0, "x.vtt"));
}

TEST_CASE("config: vtt.toml wins over .vtt.toml in one folder", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file(".git"));
  write_file(dir.file(".vtt.toml"), "[lint]\nmax-lines = 7\n");
  CHECK_THAT(run_in(dir.path, "config").out, Contains("lint.max-lines = 7  # .vtt.toml:2\n"));
  write_file(dir.file("vtt.toml"), "[lint]\nmax-lines = 5\n");
  CHECK_THAT(run_in(dir.path, "config").out, Contains("lint.max-lines = 5  # vtt.toml:2\n"));
}

TEST_CASE("config: the search stops at the folder that holds .git", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file("repo/.git"));
  make_dirs(dir.file("repo/sub"));
  write_file(dir.file("vtt.toml"), "[lint]\nmax-lines = 9\n");
  auto r = run_in(dir.path, "config repo/sub");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("# config file: none\n"));
  CHECK_THAT(r.out, Contains("lint.max-lines = 2  # default\n"));
  // A file in the repository's root folder itself is still found.
  write_file(dir.file("repo/vtt.toml"), "[lint]\nmax-lines = 3\n");
  CHECK_THAT(run_in(dir.path, "config repo/sub").out, Contains("lint.max-lines = 3  # repo/vtt.toml:2\n"));
}

TEST_CASE("config: a flag wins over the file, the file over the default", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file(".git"));
  write_file(dir.file("vtt.toml"), "[lint]\nprofile = \"subtitle\"\nmax-line-length = 10\n");
  write_file(dir.file("x.vtt"), long_line);
  auto r = run_in(dir.path, "lint x.vtt");  // the file: subtitle rules, 10 characters
  CHECK(r.code == 0);                       // S201 is a warning
  CHECK_THAT(r.out, Contains("x.vtt:4:1: warning:"));
  CHECK_THAT(r.out, Contains("[S201]"));
  r = run_in(dir.path, "lint --max-line-length 60 x.vtt");  // the flag
  CHECK(r.out.empty());
  r = run_in(dir.path, "lint --profile default x.vtt");  // the flag: no S rules
  CHECK(r.out.empty());
  r = run_in(dir.path, "lint --no-config --profile subtitle x.vtt");  // the default: 42
  CHECK_THAT(r.out, Contains("[S201]"));
  write_file(dir.file("strict.toml"), "[lint]\nprofile = \"subtitle\"\nmax-line-length = 10\nstrict = true\n");
  CHECK(run_in(dir.path, "lint --config strict.toml x.vtt").code == 1);              // strict from --config
  CHECK(run_in(dir.path, "lint --config strict.toml --no-strict x.vtt").code == 0);  // undone by the flag
  CHECK(run_in(dir.path, "lint --strict --no-strict x.vtt").code == 2);              // not both
}

TEST_CASE("config: per-file ignores by glob", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file(".git"));
  make_dirs(dir.file("legacy/old"));
  write_file(dir.file("vtt.toml"),
             "[lint]\nprofile = \"subtitle\"\nmax-line-length = 10\n\n"
             "[lint.per-file-ignores]\n\"legacy/*.vtt\" = [\"S201\"]\n\"draft-*.vtt\" = [\"S\"]\n");
  for (const auto* name : {"new.vtt", "legacy/old.vtt", "legacy/old/deep.vtt", "legacy/old/draft-1.vtt"})
    write_file(dir.file(name), long_line);
  const auto r = run_in(dir.path, "lint new.vtt legacy/old.vtt legacy/old/deep.vtt legacy/old/draft-1.vtt");
  CHECK_THAT(r.out, Contains("new.vtt:4:1:"));
  CHECK_THAT(r.out, !Contains("legacy/old.vtt"));           // matched by legacy/*.vtt
  CHECK_THAT(r.out, Contains("legacy/old/deep.vtt:4:1:"));  // '*' does not cross '/'
  CHECK_THAT(r.out, !Contains("draft-1.vtt"));              // a name glob matches in any folder
}

TEST_CASE("config: the speaker map and the merge limits", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file(".git"));
  write_file(dir.file("vtt.toml"), "[speakers.map]\n\"Speaker 1\" = \"Ann Lee\"\n\n[merge]\nmax-gap = 0\n");
  write_file(dir.file("x.vtt"),
             "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Speaker 1>Hello there.\n\n"
             "00:00:02.000 --> 00:00:03.000\n<v Speaker 1>Again.\n");
  auto r = run_in(dir.path, "convert --to txt x.vtt");
  CHECK(r.out == "Ann Lee: Hello there. Again.\n");
  r = run_in(dir.path, "convert --to txt --map 'Speaker 1=Joe' x.vtt");  // the flag wins
  CHECK(r.out == "Joe: Hello there. Again.\n");
  // A label of the file's map that this input lacks is no warning; one of --map is.
  write_file(dir.file("vtt.toml"),
             "[speakers.map]\n\"Speaker 1\" = \"Ann Lee\"\n\"Nobody\" = \"X\"\n\n[merge]\nmax-gap = 0\n");
  r = run_in(dir.path, "convert --to txt x.vtt");
  CHECK(r.err.empty());
  r = run_in(dir.path, "convert --to txt --map Else=Y x.vtt");
  CHECK(r.err == "vtt: warning: x.vtt: no speaker \"Else\" in the input (--map)\n");
  // merge.max-gap 0: the cues a second apart stay apart; --max-gap 2 joins them.
  CHECK(run_in(dir.path, "merge --to srt x.vtt").out.find("\n2\n") != std::string::npos);
  CHECK(run_in(dir.path, "merge --to srt --max-gap 2 x.vtt").out.find("\n2\n") == std::string::npos);
  CHECK(run_in(dir.path, "merge --to srt --no-config x.vtt").out.find("\n2\n") == std::string::npos);
}

TEST_CASE("config: each input of convert takes its own folder's file", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file(".git"));
  make_dirs(dir.file("a"));
  make_dirs(dir.file("b"));
  make_dirs(dir.file("c"));
  write_file(dir.file("a/vtt.toml"), "[speakers.map]\n\"Speaker 1\" = \"Ann\"\n");
  write_file(dir.file("b/vtt.toml"), "[speakers.map]\n\"Speaker 1\" = \"Bob\"\n");
  const std::string cue = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Speaker 1>Hi.\n";
  for (const char* f : {"a/x.vtt", "a/y.vtt", "b/x.vtt", "c/x.vtt"}) write_file(dir.file(f), cue);
  // In input order on standard output, each with its own map (c has none: the label stays).
  auto r = run_in(dir.path, "convert --to txt a/x.vtt b/x.vtt c/x.vtt a/y.vtt");
  CHECK(r.code == 0);
  CHECK(r.out == "Ann: Hi.\nBob: Hi.\nSpeaker 1: Hi.\nAnn: Hi.\n");
  r = run_in(dir.path, "convert --to txt --config b/vtt.toml a/x.vtt c/x.vtt");  // one file for all
  CHECK(r.out == "Bob: Hi.\nBob: Hi.\n");
  r = run_in(dir.path, "convert --to txt --no-config a/x.vtt b/x.vtt");
  CHECK(r.out == "Speaker 1: Hi.\nSpeaker 1: Hi.\n");
}

TEST_CASE("config: a path that does not exist is an error", "[cli][config]") {
  temp_dir dir;
  const auto r = run_in(dir.path, "config missing/x.vtt");
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "vtt: config: missing/x.vtt: no such file or folder\n");
  CHECK(run_in(dir.path, "config -").code == 0);  // standard input: the current folder's
}

TEST_CASE("config: each kind of error names the file, line and column and exits 2", "[cli][config]") {
  temp_dir dir;
  make_dirs(dir.file(".git"));
  write_file(dir.file("x.vtt"), long_line);
  const auto check = [&](const std::string& text, const std::string& message) {
    write_file(dir.file("vtt.toml"), text);
    const auto r = run_in(dir.path, "lint x.vtt");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == message + "\n");
    CHECK(run_in(dir.path, "config").err == message + "\n");
  };
  check("[lint]\nmax-lines = [\n", "vtt.toml:2:15: error: Error while parsing array: encountered end-of-file");
  check("[lint]\nmax-cpss = 3\n", "vtt.toml:2:1: error: unknown key 'lint.max-cpss' (docs/config.md lists the keys)");
  check("[lnt]\n", "vtt.toml:1:2: error: unknown key 'lnt' (docs/config.md lists the keys)");
  check("[lint]\nmax-cps = \"fast\"\n", "vtt.toml:2:11: error: lint.max-cps: expected a number of 0 or more");
  check("[lint]\nmax-lines = -1\n", "vtt.toml:2:13: error: lint.max-lines: expected a whole number of 0 or more");
  check("[lint]\nmax-lines = 1.5\n", "vtt.toml:2:13: error: lint.max-lines: expected a whole number of 0 or more");
  check("[lint]\nmin-gap = \"soon\"\n",
        "vtt.toml:2:11: error: lint.min-gap: expected a time of 0 or more (1.5, \"1.5s\", \"1500ms\")");
  check("[lint]\nprofile = \"film\"\n",
        "vtt.toml:2:11: error: lint.profile: expected \"default\", \"subtitle\" or \"transcript\"");
  check("[lint]\nstrict = 1\n", "vtt.toml:2:10: error: lint.strict: expected true or false");
  check("[lint]\nignore = [\"W999\"]\n",
        "vtt.toml:2:10: error: lint.ignore: unknown rule 'W999' (expected an id like W103, a name like "
        "short-hours, or a letter E, W, S or T)");
  check("[lint]\nselect = \"E\"\n",
        "vtt.toml:2:10: error: lint.select: expected an array of rules, like [\"E\", \"W102\"]");
  check("[speakers.map]\nA = 1\n", "vtt.toml:2:5: error: speakers.map.\"A\": expected the new name as a string");
  const auto r = run_in(dir.path, "lint --config missing.toml x.vtt");
  CHECK(r.code == 2);
  CHECK(r.err == "missing.toml: error: no such file\n");
}

TEST_CASE("config: the example of docs/config.md loads", "[cli][config][docs]") {
  temp_dir dir;
  make_dirs(dir.file(".git"));
  write_file(dir.file("vtt.toml"), documented_example());
  const auto r = run_in(dir.path, "config");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Contains("lint.profile = \"subtitle\"  # vtt.toml:4\n"));
  CHECK_THAT(r.out, Contains("lint.ignore = [\"W103\"]  # vtt.toml:6\n"));
  CHECK_THAT(r.out, Contains("lint.min-duration = 1  # vtt.toml:12\n"));
  CHECK_THAT(r.out, Contains("lint.min-gap = 0.08  # vtt.toml:14\n"));
  CHECK_THAT(
      r.out,
      Contains("speakers.map = { \"SPEAKER_02\" = \"Joe Park\", \"Speaker 1\" = \"Ann Lee\" }  # vtt.toml:23\n"));
  CHECK_THAT(r.out, Contains("lint.per-file-ignores = { \"draft-*.vtt\" = [\"S\"], \"legacy/*.vtt\" = [\"S203\", "
                             "\"W102\"] }  # vtt.toml:18\n"));
  CHECK_THAT(r.out, Contains("merge.max-duration = 30  # vtt.toml:31\n"));
  CHECK_THAT(r.out, Contains("stitch.max-duration = 6  # vtt.toml:36\n"));
}
