// Tests for the speaker transforms: make_payload, speaker_map, prefix_speakers, speaker_counter.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <vttkit/cue_text.hpp>
#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "linear_time.hpp"
#include "transform_support.hpp"

using transform_test::make_cue;
using transform_test::parsed_cue;
using vttkit::cue;
using vttkit::millis;

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

namespace {

/// Runs cues through a prefix_speakers stage; returns what comes out, in order.
std::vector<cue> prefixed(std::vector<cue> cues, vttkit::prefix_rules rules = {},
                          std::size_t lookahead = vttkit::prefix_speakers::default_lookahead) {
  std::vector<cue> out;
  vttkit::prefix_speakers prefix{[&out](cue& c) { out.push_back(c); }, std::move(rules), lookahead};
  for (cue& c : cues) prefix.push(c);
  prefix.finish();
  REQUIRE(out.size() == cues.size());
  return out;
}

/// The cues of `texts`, one per text, without speakers.
std::vector<cue> cues_of(std::initializer_list<const char*> texts) {
  std::vector<cue> cues;
  millis start = 0;
  for (const char* t : texts) {
    cues.push_back(make_cue("", start, start + 1000, t));
    start += 1000;
  }
  return cues;
}

/// "speaker|text" of each cue.
std::vector<std::string> attributed(const std::vector<cue>& cues) {
  std::vector<std::string> out;
  for (const cue& c : cues) out.push_back(c.speaker + "|" + c.text);
  return out;
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("prefix_speakers takes NAME: and >> NAME: prefixes, later cues inherit", "[transform][prefix]") {
  std::vector<cue> in{parsed_cue("JOE: Hello there."), parsed_cue("&gt;&gt; TRACY: Hi Joe."),
                      parsed_cue("How are <i>you</i> &lt;3")};
  REQUIRE(in[1].text == ">> TRACY: Hi Joe.");
  const auto out = prefixed(in);
  CHECK(out[0].speaker == "JOE");
  CHECK(out[0].text == "Hello there.");
  CHECK(out[0].payload == "<v JOE>Hello there.");
  CHECK(out[1].speaker == "TRACY");
  CHECK(out[1].text == "Hi Joe.");
  CHECK(out[2].speaker == "TRACY");
  CHECK(out[2].text == "How are you <3");
  CHECK(out[2].payload == "<v TRACY>How are you &lt;3");
}

TEST_CASE("prefix_speakers takes names in capitals, brackets or with a time at once", "[transform][prefix]") {
  const auto one = [](const char* text) { return attributed(prefixed(cues_of({text})))[0]; };
  CHECK(one("DR. SMITH: Good morning.") == "DR. SMITH|Good morning.");
  CHECK(one("THE COURT: Be seated.") == "THE COURT|Be seated.");
  CHECK(one("SPEAKER 2: Yes.") == "SPEAKER 2|Yes.");
  CHECK(one("O'BRIEN:\tright") == "O'BRIEN|right");
  CHECK(one("JOSÉ: sí") == "JOSÉ|sí");
  CHECK(one("JOE:") == "JOE|");
  CHECK(one(">>   Lena   Ortiz:  so") == "Lena Ortiz|so");
  CHECK(one("[SPEAKER_01]: Right.") == "SPEAKER_01|Right.");
  CHECK(one("Speaker 1 (00:03): Hello.") == "Speaker 1|Hello.");  // Rev
  CHECK(one("Pat Ashkin: (01:02) Okay.") == "Pat Ashkin|Okay.");  // Rev, time after the colon
  CHECK(one("Speaker 1  0:03\nHello.") == "Speaker 1|Hello.");    // Otter: a line of its own
  CHECK(one("Ana Lima  1:02:03\nOi.") == "Ana Lima|Oi.");
  // Not prefixes: no space after the colon, no colon, a clock time, a sentence of five words.
  CHECK(one("JOE:Hello") == "|JOE:Hello");
  CHECK(one("HTTP://X") == "|HTTP://X");
  CHECK(one("10:30 is late") == "|10:30 is late");
  CHECK(one("At 10:30: lunch") == "|At 10:30: lunch");
  CHECK(one("Course at TAU by Andrew Knight: https://x") == "|Course at TAU by Andrew Knight: https://x");
  CHECK(one("Speaker 1  0:03") == "|Speaker 1  0:03");  // a name line needs text after it
}

TEST_CASE("prefix_speakers takes a label in brackets before the words, for its cue only", "[transform][prefix]") {
  // Subtitles for the deaf: "[Name] words", no colon, where the picture does not show who
  // speaks. Taken at once; the cues after it without a label keep no speaker (they may be
  // anyone's). Sounds ("[Music]") and labels without words after them are no names.
  CHECK(attributed(prefixed(
            cues_of({"[Alba] Where were you?", "[Music] la la", "[Bruno] Out.", "[Alba] Out where?", "And then?"}))) ==
        strings{"Alba|Where were you?", "|[Music] la la", "Bruno|Out.", "Alba|Out where?", "|And then?"});
  CHECK(attributed(prefixed(cues_of({"[Alba] Hi."}))) == strings{"Alba|Hi."});
  CHECK(attributed(prefixed(cues_of({"[ALBA] Hi.", "[ALBA] Hello?"}))) == strings{"ALBA|Hi.", "ALBA|Hello?"});
  CHECK(attributed(prefixed(cues_of({"[Alba]", "[Alba]"}))) == strings{"|[Alba]", "|[Alba]"});
  CHECK(attributed(prefixed(cues_of({"[Door slams] Who?", "[Door slams] Who?"}))) ==
        strings{"|[Door slams] Who?", "|[Door slams] Who?"});
}

TEST_CASE("prefix_speakers takes a mixed-case name once it is used on a second cue", "[transform][prefix]") {
  // Zoom: every cue labelled, names in mixed case.
  CHECK(attributed(prefixed(cues_of({"Andrew Knight: Hello all.", "Andrew Knight: Shall we start?",
                                     "Priya Raman-Shah: Yes.", "Andrew Knight: Good."}))) ==
        strings{"Andrew Knight|Hello all.", "Andrew Knight|Shall we start?", "Priya Raman-Shah|Yes.",
                "Andrew Knight|Good."});
  // A name seen once is text, and the cue inherits the speaker before it.
  CHECK(attributed(prefixed(cues_of({"JOE: Hi.", "Remember this: it was late."}))) ==
        strings{"JOE|Hi.", "JOE|Remember this: it was late."});
  // The second use may come several cues later (Podcasting 2.0 SubRip labels each turn).
  CHECK(attributed(prefixed(cues_of({"Travis: Welcome back.", "It's a big week.", "Kate: It is.", "Travis: So."}))) ==
        strings{"Travis|Welcome back.", "Travis|It's a big week.", "Kate|It is.", "Travis|So."});
}

TEST_CASE("prefix_speakers: names of any script, with a role, of up to four words", "[transform][prefix]") {
  CHECK(attributed(prefixed(cues_of({"Ана Петрова: Привет.", "李明：你好。", "Ана Петрова: Да.", "李明：好的。"}))) ==
        strings{"Ана Петрова|Привет.", "李明|你好。", "Ана Петрова|Да.", "李明|好的。"});
  CHECK(attributed(prefixed(
            cues_of({"Pat Ashkin (SL): Next item.", "Mary Jo O’Neil-Smith Jr.: Here.", "Pat Ashkin (SL): Thanks."}))) ==
        strings{"Pat Ashkin (SL)|Next item.", "Mary Jo O’Neil-Smith Jr.|Here.", "Pat Ashkin (SL)|Thanks."});
  // Five words, or a lower-case first letter, are never a name by shape.
  CHECK(attributed(prefixed(cues_of({"One Two Three Four Five: x", "One Two Three Four Five: y"}))) ==
        strings{"|One Two Three Four Five: x", "|One Two Three Four Five: y"});
  CHECK(attributed(prefixed(cues_of({"so here: x", "so here: y"}))) == strings{"|so here: x", "|so here: y"});
}

TEST_CASE("prefix_speakers: labels of the deny list are never speakers", "[transform][prefix]") {
  CHECK(attributed(prefixed(cues_of({"Q: Where were you?", "A: At home.", "Q: Alone?", "A: Yes.", "NOTE: x",
                                     "Example: y", "Warning: z", "Chorus: la", "Chorus: la", "http: no"}))) ==
        strings{"|Q: Where were you?", "|A: At home.", "|Q: Alone?", "|A: Yes.", "|NOTE: x", "|Example: y",
                "|Warning: z", "|Chorus: la", "|Chorus: la", "|http: no"});
  // Between speakers, a denied label is text of the speaker before.
  CHECK(attributed(prefixed(cues_of({"JOE: Listen.", "Note: this matters."}))) ==
        strings{"JOE|Listen.", "JOE|Note: this matters."});
}

TEST_CASE("prefix_speakers: once a name is taken, a new one in title case is taken at first use",
          "[transform][prefix]") {
  CHECK(attributed(prefixed(cues_of({"Ann Lee: One.", "Bo Park: Two.", "Ann Lee: Three.", "Cy Diaz: Late, once."}))) ==
        strings{"Ann Lee|One.", "Bo Park|Two.", "Ann Lee|Three.", "Cy Diaz|Late, once."});
  // Not in title case: it must be seen twice.
  CHECK(attributed(prefixed(cues_of({"JOE: Hi.", "Maria de la Cruz: Hola.", "JOE: Hi again."}))) ==
        strings{"JOE|Hi.", "JOE|Maria de la Cruz: Hola.", "JOE|Hi again."});
  CHECK(attributed(prefixed(cues_of({"JOE: Hi.", "Maria de la Cruz: Hola.", "Maria de la Cruz: Sí."}))) ==
        strings{"JOE|Hi.", "Maria de la Cruz|Hola.", "Maria de la Cruz|Sí."});
  // Without any name taken, nothing is established: seen once, a name is text.
  CHECK(attributed(prefixed(cues_of({"Ann Lee: One.", "Bo Park: Two."}))) ==
        strings{"|Ann Lee: One.", "|Bo Park: Two."});
}

TEST_CASE("prefix_speakers holds at most the lookahead while a name is undecided", "[transform][prefix]") {
  std::vector<cue> out;
  vttkit::prefix_speakers prefix{[&out](cue& c) { out.push_back(c); }, {}, 3};
  auto in = cues_of({"Ann Lee: One.", "two", "three", "four", "Ann Lee: five"});
  prefix.push(in[0]);
  prefix.push(in[1]);
  prefix.push(in[2]);
  CHECK(out.empty());  // "Ann Lee" undecided: held
  prefix.push(in[3]);  // three cues after it without a second use: it is text
  REQUIRE(out.size() == 4);
  CHECK(attributed(out) == strings{"|Ann Lee: One.", "|two", "|three", "|four"});
  prefix.push(in[4]);
  prefix.finish();
  CHECK(attributed(out).back() == "|Ann Lee: five");  // seen once again, undecided until the end

  // Within the lookahead, the held cues get the name and inherit it.
  CHECK(attributed(prefixed(cues_of({"Ann Lee: One.", "two", "three", "Ann Lee: four"}), {}, 3)) ==
        strings{"Ann Lee|One.", "Ann Lee|two", "Ann Lee|three", "Ann Lee|four"});
}

TEST_CASE("prefix_speakers: in an input that labels every cue, unlabelled cues inherit nothing",
          "[transform][prefix]") {
  // Zoom writes the name on every cue; a cue without one is a speaker it did not identify.
  CHECK(attributed(prefixed(cues_of({"Ann Lee: One.", "Ann Lee: Two.", "(inaudible) three", "Bo Park: Four."}))) ==
        strings{"Ann Lee|One.", "Ann Lee|Two.", "|(inaudible) three", "Bo Park|Four."});
  // Labels only where the speaker changes: cues inherit.
  CHECK(attributed(prefixed(cues_of({"JOE: One.", "two", "TRACY: Three.", "four"}))) ==
        strings{"JOE|One.", "JOE|two", "TRACY|Three.", "TRACY|four"});
}

TEST_CASE("prefix_speakers: >> without a name starts an unnamed speaker", "[transform][prefix]") {
  CHECK(attributed(prefixed(cues_of(
            {">> JOE: Good evening.", "Tonight, the ferry.", ">> Thanks, Joe.", "It was late.", ">> JOE: Indeed."}))) ==
        strings{"JOE|Good evening.", "JOE|Tonight, the ferry.", "|>> Thanks, Joe.", "|It was late.", "JOE|Indeed."});
}

TEST_CASE("prefix_speakers reads Zoom's speaker in the cue id", "[transform][prefix]") {
  auto in = cues_of({"Hello everyone.", "Pat Ashkin: Still me.", "Hi Pat."});
  in[0].id = "1 \"Pat Ashkin\" (1063281152)";
  in[1].id = "2 \"Pat Ashkin\" (1063281152)";
  in[2].id = "3 \"Lee\"";
  CHECK(attributed(prefixed(in)) == strings{"Pat Ashkin|Hello everyone.", "Pat Ashkin|Still me.", "Lee|Hi Pat."});
  auto other = cues_of({"x"});
  other[0].id = "1 \"Pat\" (12a)";  // not Zoom's form
  CHECK(prefixed(other)[0].speaker.empty());
}

TEST_CASE("prefix_rules: names given are taken at once, whatever their shape", "[transform][prefix]") {
  vttkit::prefix_rules rules;
  REQUIRE(rules.add_names(" jsmith , Note,Dr  Who Is This Guy "));
  CHECK_FALSE(vttkit::prefix_rules{}.add_names("a,,b"));
  CHECK(attributed(
            prefixed(cues_of({"JSmith: hi", "Note: a name here", "dr who   is this guy: me", "Q: still no"}), rules)) ==
        strings{"JSmith|hi", "Note|a name here", "dr who is this guy|me", "dr who is this guy|Q: still no"});
}

TEST_CASE("prefix_rules: a pattern names the speaker by its first group", "[transform][prefix]") {
  vttkit::prefix_rules rules;
  std::string error;
  REQUIRE(rules.set_pattern(R"(\((\w+)\)\s*)", error));
  CHECK(attributed(prefixed(cues_of({"(Danyel) I wanted to start", "with this", "(Dana) Sure"}), rules)) ==
        strings{"Danyel|I wanted to start", "Danyel|with this", "Dana|Sure"});
  vttkit::prefix_rules whole;
  REQUIRE(whole.set_pattern("- [a-z]+:", error));  // no group: the match without its colon
  CHECK(attributed(prefixed(cues_of({"- bob: hey"}), whole)) == strings{"- bob|hey"});
  CHECK_FALSE(vttkit::prefix_rules{}.set_pattern("(unclosed", error));
  CHECK_FALSE(error.empty());
}

TEST_CASE("prefix_speakers leaves voiced cues alone and inherits from them", "[transform][prefix]") {
  std::vector<cue> in{parsed_cue("Nobody spoke yet."), parsed_cue("<v Ann>JOE: not a prefix here"),
                      parsed_cue("<i>And then</i> more.")};
  const auto out = prefixed(in);
  CHECK(out[0] == in[0]);
  CHECK(out[1] == in[1]);
  CHECK(out[2].speaker == "Ann");
  CHECK(out[2].payload == "<v Ann>And then more.");
}

TEST_CASE("prefix_speakers reads back the Name: labels vtt writes", "[transform][prefix]") {
  // What `--to srt` writes with the default labels (each turn) and with every cue labelled.
  for (const auto labels : {vttkit::speaker_labels::change, vttkit::speaker_labels::every}) {
    const std::vector<cue> voiced{make_cue("Speaker 1", 0, 1000, "One."), make_cue("Speaker 1", 1000, 2000, "Two."),
                                  make_cue("Rosa Lind", 2000, 3000, "Three."),
                                  make_cue("Speaker 1", 3000, 4000, "Four."),
                                  make_cue("Tom O'Kafor", 4000, 5000, "Five.")};
    vttkit::document doc;
    doc.cues = voiced;
    vttkit::write_options options;
    options.format = vttkit::output_format::srt;
    options.labels = labels;
    auto back = vttkit::parse(vttkit::write_document(doc, options), {}).document.cues;
    REQUIRE(back.size() == voiced.size());
    const auto out = prefixed(back);
    for (std::size_t i = 0; i < voiced.size(); ++i) {
      CHECK(out[i].speaker == voiced[i].speaker);
      CHECK(out[i].text == voiced[i].text);
    }
  }
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

TEST_CASE("speaker_counter with many distinct speakers: time grows linearly", "[transform][speakers]") {
  vtt_test::check_linear(
      [](std::size_t n) {
        vttkit::speaker_counter counter;
        for (std::size_t i = 0; i < 2 * n; ++i)  // each speaker twice, the second time much later
          counter.push(make_cue("Speaker " + std::to_string(i % n), 0, 1000, "word"));
        const auto rows = counter.result();
        REQUIRE(rows.size() == n);
        CHECK(rows.front().cues == 2);
        CHECK(rows.front().turns == 2);
      },
      20000);
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

TEST_CASE("prefix_speakers: on random prefix-like text, every cue comes out once, in order, and reads back",
          "[transform][prefix][property]") {
  // Pieces that make and break prefixes: names, colons, chevrons, brackets, times, scripts.
  const std::vector<std::string> pieces{
      "Ann",   "Lee", "JOE", "Q",  "Note", ":", ": ", "：", ">>", ">",    "[",   "]", "(",    ")", "(SL)",      "0:03",
      "10:30", " ",   "  ",  "\n", "&",    "<", "-",  "'",  "’",  "李明", "Ана", "é", "http", "x", "SPEAKER_01"};
  std::mt19937 rng(20261203);
  for (int round = 0; round < 200; ++round) {
    std::vector<cue> in;
    const auto count = std::uniform_int_distribution<int>(1, 80)(rng);
    for (int i = 0; i < count; ++i) {
      std::string text;
      const auto parts = std::uniform_int_distribution<int>(0, 8)(rng);
      for (int p = 0; p < parts; ++p)
        text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
      in.push_back(make_cue("", i * 1000, i * 1000 + 1000, text));
      if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) in.back().id = "7 \"" + text.substr(0, 3) + "\" (9)";
    }
    const auto out = prefixed(in, {}, static_cast<std::size_t>(std::uniform_int_distribution<int>(0, 10)(rng)));
    vttkit::cue_text_summary summary;
    for (std::size_t i = 0; i < in.size(); ++i) {
      INFO("round " << round << " cue " << i << ": " << in[i].text);
      CHECK(out[i].start == in[i].start);
      // Only a prefix leaves the text.
      CHECK(in[i].text.ends_with(out[i].text));
      if (out[i].speaker.empty()) {
        CHECK(out[i].payload == in[i].payload);
      } else {
        vttkit::summarize_cue_text(out[i].payload, summary);
        CHECK(summary.speaker == out[i].speaker);
        CHECK(summary.plain == out[i].text);
      }
    }
  }
}

TEST_CASE("prefix_census counts cues that start with a name the prefix step would take", "[transform][prefix]") {
  vttkit::prefix_census census;
  for (const cue& c :
       cues_of({"Andrew Knight: Hi.", "Remember this: x", "Andrew Knight: Again.", "JOE: Yes.", "Note: no", "Q: no"}))
    census.push(c);
  CHECK(census.named_cues() == 3);              // both "Andrew Knight", and "JOE"
  CHECK(census.example() == "Andrew Knight:");  // as written
  census.push(parsed_cue("<v Ann>JOE: voiced"));
  CHECK(census.named_cues() == 0);  // an input with voices has its speakers
}

TEST_CASE("speaker_counter counts each CJK character as a word", "[transform][speakers]") {
  vttkit::speaker_counter counter;
  counter.push(make_cue("A", 0, 1000, "今日は天気がいいですね。"));  // 11 characters, the 。 is none
  counter.push(make_cue("A", 1000, 2000, "「本当？」 東京Tower"));   // 本 当, 東 京 and Tower
  counter.push(make_cue("A", 2000, 3000, "안녕 하세요"));            // Hangul: words between spaces
  const auto rows = counter.result();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].words == 11 + 5 + 2);
}
