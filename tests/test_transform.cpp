// Tests for the transcript transforms: speaker map, prefixes, speaker counts, merge and stitch.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

using vttkit::cue;
using vttkit::millis;

namespace {

cue make_cue(std::string speaker, millis start, millis end, std::string text) {
  cue c;
  c.start = start;
  c.end = end;
  c.speaker = std::move(speaker);
  c.payload = vttkit::make_payload(c.speaker, text);
  c.text = std::move(text);
  return c;
}

/// A cue as the parser makes it from a payload.
cue parsed_cue(std::string_view payload, millis start = 0, millis end = 1000) {
  std::string file = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n";
  file += payload;
  file += '\n';
  auto result = vttkit::parse(file);
  REQUIRE(result.document.cues.size() == 1);
  cue c = result.document.cues.front();
  c.start = start;
  c.end = end;
  return c;
}

std::vector<std::string> texts(const std::vector<cue>& cues) {
  std::vector<std::string> out;
  for (const cue& c : cues) out.push_back(c.text);
  return out;
}

std::vector<std::string> stitched_texts(std::vector<cue> cues, vttkit::stitch_options options = {}) {
  return texts(vttkit::stitch(cues, options));
}

/// Words as the acceptance checks count them: split at white space (ASCII is enough here).
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::string_view(" \t\n\r").find(text[i]) != std::string_view::npos) ++i;
    std::size_t j = i;
    while (j < text.size() && std::string_view(" \t\n\r").find(text[j]) == std::string_view::npos) ++j;
    if (j > i) words.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// One run of consecutive cues with the same speaker.
struct run {
  std::string speaker;
  std::vector<std::string> words;
  millis first_start = 0;
  millis latest_end = 0;
  std::size_t first = 0;  ///< index of its first cue
  std::size_t count = 0;  ///< number of cues
};

std::vector<run> runs_of(const std::vector<cue>& cues) {
  std::vector<run> runs;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const cue& c = cues[i];
    if (runs.empty() || runs.back().speaker != c.speaker) {
      runs.push_back({c.speaker, {}, c.start, c.end, i, 0});
    }
    run& r = runs.back();
    for (auto& w : split_words(c.text)) r.words.push_back(std::move(w));
    r.latest_end = std::max(r.latest_end, c.end);
    ++r.count;
  }
  return runs;
}

bool ends_sentence(std::string_view text) {
  while (!text.empty()) {
    const std::string_view closers[] = {"\"", "'", ")", "]", "\u201D", "\u2019"};
    bool stripped = false;
    for (auto c : closers) {
      if (text.ends_with(c)) {
        text.remove_suffix(c.size());
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  return text.ends_with('.') || text.ends_with('?') || text.ends_with('!') || text.ends_with("\u2026");
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// make_payload
// ---------------------------------------------------------------------------------------------

TEST_CASE("make_payload writes a voice tag and escaped text", "[transform][payload]") {
  CHECK(vttkit::make_payload("Joe", "Hi there.") == "<v Joe>Hi there.");
  CHECK(vttkit::make_payload("", "a < b & c > d") == "a &lt; b &amp; c &gt; d");
  CHECK(vttkit::make_payload("Ben & Jerry", "x") == "<v Ben &amp; Jerry>x");
}

// ---------------------------------------------------------------------------------------------
// speaker_map
// ---------------------------------------------------------------------------------------------

TEST_CASE("speaker_map matches labels trimmed, collapsed and in any case", "[transform][map]") {
  vttkit::speaker_map map;
  REQUIRE(map.add("  speaker   1 ", "Jon Pereira"));
  cue c = parsed_cue("<v Speaker 1>Hi <i>there</i> &amp; welcome");
  REQUIRE(c.speaker == "Speaker 1");
  map.apply(c);
  CHECK(c.speaker == "Jon Pereira");
  CHECK(c.payload == "<v Jon Pereira>Hi <i>there</i> &amp; welcome");
  CHECK(c.text == "Hi there & welcome");

  cue upper = make_cue("SPEAKER\t1", 0, 1, "x");
  map.apply(upper);
  CHECK(upper.speaker == "Jon Pereira");
  CHECK(map.unused_labels().empty());
}

TEST_CASE("speaker_map keeps classes and other voices", "[transform][map]") {
  vttkit::speaker_map map;
  REQUIRE(map.add("Joe", "Joseph"));
  cue loud = parsed_cue("<v.loud.angry Joe>No!</v> <b>really</b>");
  map.apply(loud);
  CHECK(loud.payload == "<v.loud.angry Joseph>No!</v> <b>really</b>");
  CHECK(loud.speaker == "Joseph");

  // Only the tag whose voice matches is renamed; the cue's speaker is its first voice.
  cue two = parsed_cue("<v Ann>Hi</v> <v   joe >Yo");
  REQUIRE(two.speaker == "Ann");
  map.apply(two);
  CHECK(two.speaker == "Ann");
  CHECK(two.payload == "<v Ann>Hi</v> <v Joseph>Yo");  // the annotation is all after the first space

  // A voice tag without a name and a cue without any voice are left as they are.
  cue bare = parsed_cue("<v>Hi <i>Joe</i>");
  map.apply(bare);
  CHECK(bare.payload == "<v>Hi <i>Joe</i>");
  cue none = parsed_cue("Joe: hello");
  map.apply(none);
  CHECK(none.payload == "Joe: hello");
  CHECK(none.speaker.empty());
}

TEST_CASE("speaker_map decodes voices and escapes new names", "[transform][map]") {
  vttkit::speaker_map map;
  REQUIRE(map.add("Tom & Jerry", "Ben & Jerry's"));
  cue c = parsed_cue("<v Tom &amp; Jerry>Hello");
  REQUIRE(c.speaker == "Tom & Jerry");
  map.apply(c);
  CHECK(c.speaker == "Ben & Jerry's");
  CHECK(c.payload == "<v Ben &amp; Jerry's>Hello");
  // Reading the rewritten payload back gives the same speaker.
  CHECK(parsed_cue(c.payload).speaker == "Ben & Jerry's");
}

TEST_CASE("speaker_map maps several labels to one name and reports unused ones", "[transform][map]") {
  vttkit::speaker_map map;
  REQUIRE(map.add_entry("Speaker 2=Mara Quinn"));
  REQUIRE(map.add_entry("speaker  4 = Mara Quinn"));
  REQUIRE(map.add_entry(" Speaker 9 =Nobody"));
  std::vector<cue> cues = {parsed_cue("<v Speaker 2>a"), parsed_cue("<v Speaker 4>b"), parsed_cue("<v Speaker 3>c")};
  for (cue& c : cues) map.apply(c);
  CHECK(cues[0].speaker == "Mara Quinn");
  CHECK(cues[1].speaker == "Mara Quinn");
  CHECK(cues[2].speaker == "Speaker 3");
  CHECK(map.unused_labels() == std::vector<std::string>{"Speaker 9"});
}

TEST_CASE("speaker_map rejects empty sides and reads map files", "[transform][map]") {
  vttkit::speaker_map map;
  CHECK(map.empty());
  CHECK_FALSE(map.add("  ", "x"));
  CHECK_FALSE(map.add("x", " \t"));
  CHECK_FALSE(map.add_entry("no equals sign"));
  CHECK_FALSE(map.add_entry("=Name"));
  CHECK(map.empty());

  std::size_t bad = 99;
  CHECK(map.load("# names\r\n\r\nSpeaker 2 = Mara Quinn\r\n  # indented comment\nSpeaker 4=Mara Quinn\n", bad));
  CHECK(bad == 0);
  CHECK_FALSE(map.empty());
  cue c = parsed_cue("<v Speaker 4>x");
  map.apply(c);
  CHECK(c.speaker == "Mara Quinn");

  vttkit::speaker_map broken;
  CHECK_FALSE(broken.load("A=B\n# fine\nno separator here\nC=D\n", bad));
  CHECK(bad == 3);
}

TEST_CASE("speaker_map: a later mapping of the same label wins", "[transform][map]") {
  vttkit::speaker_map map;
  REQUIRE(map.add("Joe", "First"));
  REQUIRE(map.add("JOE", "Second"));
  cue c = make_cue("joe", 0, 1, "x");
  map.apply(c);
  CHECK(c.speaker == "Second");
  CHECK(map.unused_labels().empty());
}

// ---------------------------------------------------------------------------------------------
// prefix_speakers
// ---------------------------------------------------------------------------------------------

TEST_CASE("prefix_speakers takes NAME: and >> NAME: prefixes, later cues inherit", "[transform][prefix]") {
  vttkit::prefix_speakers prefix;
  cue joe = parsed_cue("JOE: Hello there.");
  prefix.apply(joe);
  CHECK(joe.speaker == "JOE");
  CHECK(joe.text == "Hello there.");
  CHECK(joe.payload == "<v JOE>Hello there.");

  cue tracy = parsed_cue("&gt;&gt; TRACY: Hi Joe.");
  REQUIRE(tracy.text == ">> TRACY: Hi Joe.");
  prefix.apply(tracy);
  CHECK(tracy.speaker == "TRACY");
  CHECK(tracy.text == "Hi Joe.");

  cue next = parsed_cue("How are <i>you</i> &lt;3");
  prefix.apply(next);
  CHECK(next.speaker == "TRACY");
  CHECK(next.text == "How are you <3");
  CHECK(next.payload == "<v TRACY>How are you &lt;3");
}

TEST_CASE("prefix_speakers recognises capitalised names of one to three words", "[transform][prefix]") {
  const auto speaker_of = [](std::string_view text) {
    vttkit::prefix_speakers prefix;
    cue c = make_cue("", 0, 1, std::string(text));
    prefix.apply(c);
    return std::pair{c.speaker, c.text};
  };
  CHECK(speaker_of("DR. SMITH: Good morning.") == std::pair<std::string, std::string>{"DR. SMITH", "Good morning."});
  CHECK(speaker_of("SPEAKER 2: Yes.") == std::pair<std::string, std::string>{"SPEAKER 2", "Yes."});
  CHECK(speaker_of("O'BRIEN:\tright") == std::pair<std::string, std::string>{"O'BRIEN", "right"});
  CHECK(speaker_of(">>   Lena   Ortiz:  so") == std::pair<std::string, std::string>{"Lena Ortiz", "so"});
  CHECK(speaker_of("JOE:") == std::pair<std::string, std::string>{"JOE", ""});
  // Not prefixes: lower case, four words, no capital, no space after the colon, no colon.
  CHECK(speaker_of("Joe: hi") == std::pair<std::string, std::string>{"", "Joe: hi"});
  CHECK(speaker_of("ONE TWO THREE FOUR: x") == std::pair<std::string, std::string>{"", "ONE TWO THREE FOUR: x"});
  CHECK(speaker_of("10:30 is late") == std::pair<std::string, std::string>{"", "10:30 is late"});
  CHECK(speaker_of("HTTP://X") == std::pair<std::string, std::string>{"", "HTTP://X"});
  CHECK(speaker_of(">> no colon here") == std::pair<std::string, std::string>{"", ">> no colon here"});
}

TEST_CASE("prefix_speakers leaves voiced cues alone and inherits from them", "[transform][prefix]") {
  vttkit::prefix_speakers prefix;
  cue unmarked = parsed_cue("Nobody spoke yet.");
  const cue before = unmarked;
  prefix.apply(unmarked);
  CHECK(unmarked == before);

  cue voiced = parsed_cue("<v Ann>JOE: not a prefix here");
  const cue voiced_before = voiced;
  prefix.apply(voiced);
  CHECK(voiced == voiced_before);

  cue after = parsed_cue("<i>And then</i> more.");
  prefix.apply(after);
  CHECK(after.speaker == "Ann");
  CHECK(after.payload == "<v Ann>And then more.");
}

// ---------------------------------------------------------------------------------------------
// speaker_counter
// ---------------------------------------------------------------------------------------------

TEST_CASE("speaker_counter counts cues, turns, words and talk time", "[transform][speakers]") {
  vttkit::speaker_counter counter;
  counter.push(make_cue("A", 0, 1000, "one two"));
  counter.push(make_cue("A", 1000, 2500, "three"));
  counter.push(make_cue("B", 3000, 3500, "four\nfive  six"));
  counter.push(make_cue("A", 4000, 4100, "seven"));
  counter.push(make_cue("", 5000, 6000, " x y "));
  counter.push(make_cue("B", 7000, 10000, ""));
  counter.push(make_cue("B", 9000, 8000, "backwards"));  // ends before it starts: no talk time
  const auto rows = counter.result();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].speaker == "B");
  CHECK(rows[0].cues == 3);
  CHECK(rows[0].turns == 2);
  CHECK(rows[0].words == 4);
  CHECK(rows[0].talk_time == 3500);
  CHECK(rows[1].speaker == "A");
  CHECK(rows[1].cues == 3);
  CHECK(rows[1].turns == 2);
  CHECK(rows[1].words == 4);
  CHECK(rows[1].talk_time == 2600);
  CHECK(rows[2].speaker.empty());
  CHECK(rows[2].cues == 1);
  CHECK(rows[2].turns == 1);
  CHECK(rows[2].words == 2);
  CHECK(rows[2].talk_time == 1000);
}

TEST_CASE("speaker_counter breaks ties by first appearance", "[transform][speakers]") {
  vttkit::speaker_counter counter;
  counter.push(make_cue("Zed", 0, 1000, "a"));
  counter.push(make_cue("Amy", 1000, 2000, "b\u00A0c"));  // a no-break space separates words too
  const auto rows = counter.result();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].speaker == "Zed");
  CHECK(rows[1].speaker == "Amy");
  CHECK(rows[1].words == 2);
  CHECK(vttkit::speaker_counter{}.result().empty());
}

// ---------------------------------------------------------------------------------------------
// merge
// ---------------------------------------------------------------------------------------------

TEST_CASE("merge joins same-speaker fragments within the gap", "[transform][merge]") {
  std::vector<cue> cues = {
      make_cue("A", 0, 1000, "one"),      make_cue("A", 3000, 3500, " two\nlines "),  // gap 2000: joins
      make_cue("A", 5600, 6000, "three"),  // gap 2100: new cue
      make_cue("B", 6000, 7000, "four"),   make_cue("A", 7000, 8000, "five"),
  };
  cues[0].id = "first";
  cues[0].settings = {{"align", "start"}};
  cues[1].id = "second";
  const auto merged = vttkit::merge(cues);
  REQUIRE(merged.size() == 4);
  CHECK(merged[0].text == "one two lines");
  CHECK(merged[0].payload == "<v A>one two lines");
  CHECK(merged[0].start == 0);
  CHECK(merged[0].end == 3500);
  CHECK(merged[0].id == "first");
  CHECK(merged[0].settings == std::vector<vttkit::cue_setting>{{"align", "start"}});
  CHECK(texts(merged) == std::vector<std::string>{"one two lines", "three", "four", "five"});
  CHECK(merged[2].speaker == "B");
}

TEST_CASE("merge: overlaps always join and the end is the latest end", "[transform][merge]") {
  std::vector<cue> cues = {make_cue("A", 0, 5000, "long"), make_cue("A", 1000, 2000, "inside"),
                           make_cue("A", 4000, 6000, "tail"), make_cue("", 9000, 9500, "x < y"),
                           make_cue("", 9600, 9700, "z")};
  const auto merged = vttkit::merge(cues, {0, 0, 0});  // no gap allowed: only overlaps join
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].text == "long inside tail");
  CHECK(merged[0].start == 0);
  CHECK(merged[0].end == 6000);
  CHECK(merged[1].text == "x < y");  // a 100 ms gap with max_gap 0 keeps "z" apart
  CHECK(merged[1].payload == "x &lt; y");
  CHECK(merged[2].text == "z");
  CHECK(vttkit::merge(cues).back().text == "x < y z");  // cues without speakers form a turn too
}

TEST_CASE("merge caps characters and duration", "[transform][merge]") {
  SECTION("max_chars counts code points and the joining space") {
    std::vector<cue> cues = {make_cue("A", 0, 100, "caf\u00E9"), make_cue("A", 100, 200, "bbbb"),
                             make_cue("A", 200, 300, "cccc"), make_cue("A", 300, 400, "abcdefghijklmnop"),
                             make_cue("A", 400, 500, "d")};
    const auto merged = vttkit::merge(cues, {2000, 9, 0});
    // "café bbbb" is 9 code points (10 bytes); adding " cccc" would make 14.
    CHECK(texts(merged) == std::vector<std::string>{"caf\u00E9 bbbb", "cccc", "abcdefghijklmnop", "d"});
  }
  SECTION("max_duration") {
    std::vector<cue> cues = {make_cue("A", 0, 1000, "a"), make_cue("A", 1000, 2000, "b"),
                             make_cue("A", 2000, 3000, "c"), make_cue("A", 3000, 4000, "d"),
                             make_cue("A", 4000, 9000, "e")};
    const auto merged = vttkit::merge(cues, {2000, 0, 3000});
    REQUIRE(merged.size() == 3);
    CHECK(merged[0].text == "a b c");
    CHECK(merged[0].end == 3000);
    CHECK(merged[1].text == "d");
    CHECK(merged[2].text == "e");  // 5 s alone: longer than the cap, kept whole
    CHECK(merged[2].duration() == 5000);
  }
}

TEST_CASE("merger streams and finish flushes", "[transform][merge]") {
  std::vector<cue> out;
  vttkit::merger m({}, [&out](const cue& c) { out.push_back(c); });
  m.push(make_cue("A", 0, 1000, "a"));
  m.push(make_cue("A", 1000, 2000, "b"));
  CHECK(out.empty());
  m.push(make_cue("B", 2000, 3000, "c"));
  REQUIRE(out.size() == 1);
  CHECK(out[0].text == "a b");
  m.finish();
  REQUIRE(out.size() == 2);
  m.finish();  // nothing held: nothing more
  CHECK(out.size() == 2);
}

// ---------------------------------------------------------------------------------------------
// stitch
// ---------------------------------------------------------------------------------------------

TEST_CASE("stitch: the acceptance case, with interpolated times", "[transform][stitch]") {
  const auto parsed = vttkit::parse(
      "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v A>Dr. Smith paid 3.5 percent to the U.S. Treasury. Then he\n\n"
      "00:00:04.000 --> 00:00:06.000\n<v A>left. Did he? Well... a lot of it. Yes.\n");
  const auto st = vttkit::stitch(parsed.document.cues);
  REQUIRE(texts(st) == std::vector<std::string>{"Dr. Smith paid 3.5 percent to the U.S. Treasury.", "Then he left.",
                                                 "Did he?", "Well... a lot of it.", "Yes."});
  // The first cue's text has 56 code points over 4000 ms, the second 39 over 2000 ms. Starts
  // round down, ends round up.
  // "Treasury." ends at 48: 4000 * 48 / 56 = 3428.6 -> 3429; "Then" starts at 49: 3500.
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 3429);
  CHECK(st[1].start == 3500);
  // "left." ends at 5 of 39: 4000 + 2000 * 5 / 39 = 4256.4 -> 4257.
  CHECK(st[1].end == 4257);
  // "Did" at 6: 4307.7 -> 4307; "he?" ends at 13: 4666.7 -> 4667.
  CHECK(st[2].start == 4307);
  CHECK(st[2].end == 4667);
  // "Well..." at 14: 4717.9 -> 4717; "it." ends at 34: 5743.6 -> 5744.
  CHECK(st[3].start == 4717);
  CHECK(st[3].end == 5744);
  // "Yes." at 35: 5794.9 -> 5794, to the cue's end.
  CHECK(st[4].start == 5794);
  CHECK(st[4].end == 6000);
  for (const cue& c : st) {
    CHECK(c.speaker == "A");
    CHECK(c.payload == "<v A>" + c.text);
    CHECK(c.id.empty());
  }
}

TEST_CASE("stitch does not cut at abbreviations, decimals or initials", "[transform][stitch]") {
  const auto one = [](std::string text) { return stitched_texts({make_cue("A", 0, 1000, std::move(text))}); };
  using list = std::vector<std::string>;
  CHECK(one("I met Mr. Brown and Ms. Green. They said hi.") ==
        list{"I met Mr. Brown and Ms. Green.", "They said hi."});
  CHECK(one("We saw J. R. R. Tolkien's house. It was small.") ==
        list{"We saw J. R. R. Tolkien's house.", "It was small."});
  CHECK(one("It costs 3.5 dollars, i.e. a lot. Really.") == list{"It costs 3.5 dollars, i.e. a lot.", "Really."});
  CHECK(one("The U.K. And the U.S. Both agreed.") == list{"The U.K. And the U.S. Both agreed."});
  CHECK(one("Apples, pears, etc. Then St. Paul vs. Prof. X spoke.") ==
        list{"Apples, pears, etc. Then St. Paul vs. Prof. X spoke."});
  CHECK(one("Smith et al. Found it. We met at 9 a.m. Then left.") ==
        list{"Smith et al. Found it.", "We met at 9 a.m. Then left."});
  CHECK(one("Look at No. 5 on the list. No. I won't.") == list{"Look at No. 5 on the list.", "No.", "I won't."});
  // The pronoun "I" ends a sentence; "I." before another initial is one.
  CHECK(one("So do I. Then we left. I. M. Pei built it.") ==
        list{"So do I.", "Then we left.", "I. M. Pei built it."});
  // Words that are only abbreviations in title case.
  CHECK(one("Ask a sales rep. They know. Rep. Jones agrees.") ==
        list{"Ask a sales rep.", "They know.", "Rep. Jones agrees."});
}

TEST_CASE("stitch: quotes, brackets, ellipses and lower-case continuations", "[transform][stitch]") {
  const auto one = [](std::string text) { return stitched_texts({make_cue("A", 0, 1000, std::move(text))}); };
  using list = std::vector<std::string>;
  CHECK(one("She asked, \"Are you coming?\" I said yes.") == list{"She asked, \"Are you coming?\"", "I said yes."});
  CHECK(one("\"Are you coming?\" she asked. Yes.") == list{"\"Are you coming?\" she asked.", "Yes."});
  CHECK(one("(It was late.) We left. \u201CReally?\u201D \u201CYes.\u201D") ==
        list{"(It was late.)", "We left.", "\u201CReally?\u201D", "\u201CYes.\u201D"});
  CHECK(one("Well... a lot. Hmm\u2026 Okay! Really?! Sure.") ==
        list{"Well... a lot.", "Hmm\u2026", "Okay!", "Really?!", "Sure."});
  CHECK(one("It was \u00E9norme. Really... \u00E9norme. \u00C9tonnant.") ==
        list{"It was \u00E9norme.", "Really... \u00E9norme.", "\u00C9tonnant."});
  CHECK(one("e.g. the start. 3.5 is a number. version 2.0.1 works") ==
        list{"e.g. the start.", "3.5 is a number. version 2.0.1 works"});
}

TEST_CASE("stitch: a sentence across five cues", "[transform][stitch]") {
  std::vector<cue> cues = {make_cue("A", 0, 1000, "This is a"), make_cue("A", 1000, 2000, "sentence  that"),
                           make_cue("A", 2000, 3000, "runs across"), make_cue("A", 3000, 4000, "five\nwhole"),
                           make_cue("A", 4000, 5000, "cues. Next one.")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"This is a sentence that runs across five whole cues.", "Next one."});
  // "cues. Next one." has 15 code points: "cues." ends at 5 (4333.3 -> 4334), "Next" starts at 6.
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 4334);
  CHECK(st[1].start == 4400);
  CHECK(st[1].end == 5000);
}

TEST_CASE("stitch keeps speakers, turns and cues without speakers", "[transform][stitch]") {
  std::vector<cue> cues = {make_cue("", 0, 1000, "No voice here. Still"), make_cue("", 1000, 2000, "none."),
                           make_cue("B", 2000, 3000, "Bee talks"), make_cue("", 3000, 4000, "and no one. Ends")};
  cues[0].settings = {{"line", "0"}};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"No voice here.", "Still none.", "Bee talks", "and no one.", "Ends"});
  CHECK(st[0].speaker.empty());
  CHECK(st[0].payload == "No voice here.");
  CHECK(st[0].settings == std::vector<vttkit::cue_setting>{{"line", "0"}});
  CHECK(st[2].speaker == "B");
  CHECK(st[2].payload == "<v B>Bee talks");
  // A turn's last cue need not end a sentence; the turn ends it.
  CHECK(st[2].start == 2000);
  CHECK(st[2].end == 3000);
  CHECK(st[3].speaker.empty());
}

TEST_CASE("stitch keeps starts monotonic over overlapping cues", "[transform][stitch]") {
  std::vector<cue> cues = {make_cue("A", 0, 5000, "One. Two."), make_cue("A", 1000, 3000, "Three. Four.")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"One.", "Two.", "Three.", "Four."});
  // "One. Two." is 9 code points over 5 s: "One." ends at 4 (2222.2 -> 2223), "Two." starts at
  // 5 (2777.8 -> 2777). "Three. Four." is 12 over 1000-3000: "Three." would start at 1000 and
  // end at 2000, "Four." start at 2166.7: both starts wait for 2777; the first end follows it.
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 2223);
  CHECK(st[1].start == 2777);
  CHECK(st[1].end == 5000);
  CHECK(st[2].start == 2777);
  CHECK(st[2].end == 2778);
  CHECK(st[3].start == 2777);
  CHECK(st[3].end == 3000);

  // Across turns too: a later speaker's cue that starts before the last start waits for it.
  std::vector<cue> two = {make_cue("A", 0, 10000, "Yes. Okay. Right."), make_cue("B", 4000, 5000, "Hm.")};
  const auto st2 = vttkit::stitch(two);
  REQUIRE(st2.size() == 4);
  // "Right." starts at 11 of 17: 6470.6 -> 6470.
  CHECK(st2[2].start == 6470);
  CHECK(st2[3].start == 6470);
  CHECK(st2[3].end == 6471);
}

TEST_CASE("stitch splits long sentences at clauses, else words", "[transform][stitch]") {
  using list = std::vector<std::string>;
  SECTION("a clause boundary near the middle wins") {
    // 47 code points, cap 30: two chunks of about 23; the comma after 17 is near enough.
    CHECK(stitched_texts({make_cue("A", 0, 1000, "Alpha beta gamma, delta epsilon zeta eta theta.")}, {30, 0}) ==
          list{"Alpha beta gamma,", "delta epsilon zeta eta theta."});
  }
  SECTION("else the word boundary nearest an even split") {
    // 39 code points, cap 20: two chunks of about 19; "one two three four" has 18.
    CHECK(stitched_texts({make_cue("A", 0, 1000, "one two three four five six seven eight")}, {20, 0}) ==
          list{"one two three four", "five six seven eight"});
  }
  SECTION("a word longer than the cap stays whole") {
    CHECK(stitched_texts({make_cue("A", 0, 1000, "Supercalifragilistic is long.")}, {10, 0}) ==
          list{"Supercalifragilistic", "is long."});
  }
  SECTION("max_duration, with times at the cut") {
    // 20 code points over 10 s, cap 5 s: two chunks; "aaaa bbbb" ends at 9 (4500 ms).
    const auto st = vttkit::stitch(std::vector<cue>{make_cue("A", 0, 10000, "aaaa bbbb cccc dddd.")}, {0, 5000});
    REQUIRE(texts(st) == list{"aaaa bbbb", "cccc dddd."});
    CHECK(st[0].end == 4500);
    CHECK(st[1].start == 5000);
    CHECK(st[1].end == 10000);
  }
  SECTION("sentence ends still cut first") {
    CHECK(stitched_texts({make_cue("A", 0, 1000, "Short. Also short.")}, {60, 0}) == list{"Short.", "Also short."});
  }
}

TEST_CASE("stitcher streams: sentences leave as soon as they are complete", "[transform][stitch]") {
  std::vector<cue> out;
  vttkit::stitcher s({}, [&out](const cue& c) { out.push_back(c); });
  s.push(make_cue("A", 0, 1000, "First one."));
  CHECK(out.empty());  // "First one." could still be followed by a lower-case word
  s.push(make_cue("A", 1000, 2000, "Second one. third"));
  REQUIRE(out.size() == 1);
  CHECK(out[0].text == "First one.");
  s.push(make_cue("A", 2000, 3000, "word."));
  CHECK(out.size() == 1);
  s.finish();
  CHECK(texts(out) == std::vector<std::string>{"First one.", "Second one. third word."});

  // Text without sentence ends, with a cap, is cut while it streams in.
  std::vector<cue> capped;
  vttkit::stitcher c({20, 0}, [&capped](const cue& x) { capped.push_back(x); });
  for (millis t = 0; t < 100000; t += 1000) c.push(make_cue("A", t, t + 1000, "some words without end"));
  CHECK(capped.size() > 50);
  c.finish();
  for (const cue& x : capped) CHECK(code_points(x.text) <= 20);
}

// ---------------------------------------------------------------------------------------------
// Properties over generated transcripts
// ---------------------------------------------------------------------------------------------

namespace {

/// Makes random fragmented transcripts: several speakers (one of them none), sentences with
/// abbreviations, decimals, initials, quotes and ellipses, cut into cues at random words, with
/// gaps, overlaps, odd white space and non-ASCII letters.
class transcript_generator {
 public:
  explicit transcript_generator(unsigned seed) : rng_(seed) {}

  std::vector<cue> make() {
    std::vector<cue> cues;
    const std::size_t turns = pick(1, 8);
    millis t = pick_ms(0, 5000);
    std::string previous_speaker = "-";
    for (std::size_t turn = 0; turn < turns; ++turn) {
      std::string speaker;
      do speaker = speakers_[pick(0, std::size(speakers_) - 1)];
      while (speaker == previous_speaker);
      previous_speaker = speaker;
      std::vector<std::string> words;
      const std::size_t sentences = pick(1, 6);
      for (std::size_t s = 0; s < sentences; ++s) add_sentence(words, s + 1 == sentences && pick(0, 3) == 0);
      std::size_t w = 0;
      while (w < words.size()) {
        const std::size_t n = std::min(words.size() - w, pick(1, 9));
        std::string text;
        for (std::size_t k = 0; k < n; ++k) {
          if (k > 0) text += pick(0, 12) == 0 ? (pick(0, 1) == 0 ? "  " : "\n") : " ";
          text += words[w + k];
        }
        if (pick(0, 15) == 0) text = " " + text + "\t";
        w += n;
        // Gaps up to 2.5 s, sometimes overlaps of up to 0.6 s (rarely a start before the
        // previous cue's start).
        const millis start = pick(0, 6) == 0 ? std::max<millis>(0, t - pick_ms(1, 600)) : t + pick_ms(0, 2500);
        const millis end = start + pick_ms(150, 4000);
        cues.push_back(make_cue(speaker, start, end, text));
        t = std::max(t, end);
      }
    }
    for (std::size_t i = 0; i < cues.size(); ++i) cues[i].id = std::to_string(i);
    return cues;
  }

 private:
  std::size_t pick(std::size_t lo, std::size_t hi) {
    return std::uniform_int_distribution<std::size_t>(lo, hi)(rng_);
  }
  millis pick_ms(millis lo, millis hi) { return std::uniform_int_distribution<millis>(lo, hi)(rng_); }

  void add_sentence(std::vector<std::string>& words, bool unfinished) {
    const std::size_t n = pick(1, 14);
    for (std::size_t i = 0; i < n; ++i) {
      std::string word = pick(0, 5) == 0 ? specials_[pick(0, std::size(specials_) - 1)]
                                         : plain_[pick(0, std::size(plain_) - 1)];
      if (i == 0 && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
      if (i + 1 < n && pick(0, 8) == 0) word += ",";
      words.push_back(std::move(word));
    }
    if (!unfinished) words.back() += ends_[pick(0, std::size(ends_) - 1)];
  }

  std::mt19937 rng_;
  const char* speakers_[4] = {"", "Speaker 1", "Speaker 2", "Host"};
  const char* plain_[16] = {"the",   "market", "price", "we",   "think", "rates", "caf\u00E9", "na\u00EFve",
                            "Z\u00FCrich", "okay", "I",   "really", "bonds", "yield", "so", "\u00E9t\u00E9"};
  const char* specials_[12] = {"Dr.", "Mr.", "U.S.", "e.g.", "3.5", "J.", "etc.", "i.e.", "(really)", "\"quoted\"",
                               "a.m.", "\u2014"};
  const char* ends_[9] = {".", "?", "!", "...", "\u2026", "?\"", ".)", ".\u201D", "!"};
};

/// Whole words, in order, per run of one speaker: the same on both sides.
void check_words_per_run(const std::vector<cue>& in, const std::vector<cue>& out) {
  const auto a = runs_of(in);
  const auto b = runs_of(out);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].speaker == b[i].speaker);
    CHECK(a[i].words == b[i].words);
  }
}

void check_merge_properties(const std::vector<cue>& in, const vttkit::merge_options& options) {
  const auto out = vttkit::merge(in, options);
  check_words_per_run(in, out);
  // Every merged cue is a whole block of consecutive input cues, found by counting words.
  std::size_t next = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const cue& m = out[i];
    const std::size_t want = split_words(m.text).size();
    const std::size_t first = next;
    millis latest = in[first].end;
    std::size_t got = 0;
    while (got < want) {
      REQUIRE(next < in.size());
      got += split_words(in[next].text).size();
      latest = std::max(latest, in[next].end);
      ++next;
    }
    REQUIRE(got == want);  // no input cue was cut in two
    CHECK(m.start == in[first].start);
    CHECK(m.end == latest);
    CHECK(m.id == in[first].id);
    CHECK(m.speaker == in[first].speaker);
    CHECK(m.payload == vttkit::make_payload(m.speaker, m.text));
    CHECK(m.text == [&] {
      std::string joined;
      for (const auto& w : split_words(m.text)) joined += (joined.empty() ? "" : " ") + w;
      return joined;
    }());
    const bool lone = next - first == 1;
    if (options.max_chars > 0 && !lone) CHECK(code_points(m.text) <= options.max_chars);
    if (options.max_duration > 0 && !lone) CHECK(m.end - m.start <= options.max_duration);
    // Two neighbours of one speaker were kept apart for a reason: the gap, or a cap.
    if (i + 1 < out.size() && out[i + 1].speaker == m.speaker && options.max_chars == 0 && options.max_duration == 0) {
      CHECK(out[i + 1].start - m.end > options.max_gap);
    }
  }
  CHECK(next == in.size());
}

void check_stitch_properties(const std::vector<cue>& in, const vttkit::stitch_options& options) {
  const auto out = vttkit::stitch(in, options);
  check_words_per_run(in, out);
  const auto in_runs = runs_of(in);
  const auto out_runs = runs_of(out);
  REQUIRE(in_runs.size() == out_runs.size());
  millis previous_start = 0;
  for (std::size_t r = 0; r < out_runs.size(); ++r) {
    const run& turn = in_runs[r];
    for (std::size_t k = 0; k < out_runs[r].count; ++k) {
      const std::size_t i = out_runs[r].first + k;
      const cue& c = out[i];
      CHECK(c.start < c.end);
      if (i > 0) CHECK(c.start >= previous_start);
      // Inside the turn's span, unless a start had to wait for an earlier turn's last start.
      CHECK(c.start >= turn.first_start);
      const bool waited = i > 0 && c.start == previous_start && c.end == c.start + 1;
      CHECK((c.end <= turn.latest_end || waited));
      CHECK(c.payload == vttkit::make_payload(c.speaker, c.text));
      const bool last_of_turn = k + 1 == out_runs[r].count;
      const bool capped = options.max_chars > 0 || options.max_duration > 0;
      if (!last_of_turn && !capped) CHECK(ends_sentence(c.text));
      const bool one_word = split_words(c.text).size() == 1;
      if (options.max_chars > 0 && !one_word) CHECK(code_points(c.text) <= options.max_chars);
      if (options.max_duration > 0 && !one_word && !waited) CHECK(c.end - c.start <= options.max_duration);
      previous_start = c.start;
    }
  }
}

}  // namespace

TEST_CASE("merge properties over generated transcripts", "[transform][merge][property]") {
  transcript_generator generate(20240601);
  for (int round = 0; round < 300; ++round) {
    const auto cues = generate.make();
    check_merge_properties(cues, {});
    check_merge_properties(cues, {1000, 40, 0});
    check_merge_properties(cues, {3000, 0, 6000});
    check_merge_properties(cues, {500, 25, 4000});
  }
}

TEST_CASE("stitch properties over generated transcripts", "[transform][stitch][property]") {
  transcript_generator generate(7);
  for (int round = 0; round < 300; ++round) {
    const auto cues = generate.make();
    check_stitch_properties(cues, {});
    check_stitch_properties(cues, {30, 0});
    check_stitch_properties(cues, {0, 2500});
    check_stitch_properties(cues, {45, 3000});
  }
}

TEST_CASE("a mapped name ending in '-' never writes '-->' into the voice tag", "[transform][map]") {
  // Found by fuzzing the same pattern in merge/stitch: "<v Bo-->" would read back as a timing line.
  vttkit::speaker_map map;
  REQUIRE(map.add("Ann", "Bo--"));
  auto doc = vttkit::parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hello there.\n").document;
  map.apply(doc.cues[0]);
  CHECK(doc.cues[0].payload.find("-->") == std::string::npos);
  const auto again = vttkit::parse(vttkit::write_document(doc)).document;
  REQUIRE(again.cues.size() == 1);
  CHECK(again.cues[0].text == "Hello there.");
  CHECK(again.cues[0].speaker == "Bo--");
}
