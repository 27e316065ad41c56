// Tests for the speaker transforms: make_payload, speaker_map, prefix_speakers, speaker_counter.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "transform_support.hpp"

using transform_test::make_cue;
using transform_test::parsed_cue;
using vttkit::cue;

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
