// Tests for stitch: re-cutting speaker turns into one cue per sentence.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "linear_time.hpp"
#include "transform_support.hpp"

using transform_test::code_points;
using transform_test::ends_sentence;
using transform_test::make_cue;
using transform_test::overlapping_speakers;
using transform_test::split_words;
using transform_test::stitched_texts;
using transform_test::texts;
using transform_test::transcript_generator;
using vttkit::cue;
using vttkit::millis;

namespace {

/// Each speaker's words in the order the cues give them, and where each speaker's turns end
/// (as counts of the speaker's words before each end).
struct speaker_words {
  std::vector<std::string> words;
  std::vector<std::size_t> source;  ///< index of the cue each word comes from
  std::vector<std::size_t> turn_ends;
};

std::map<std::string, speaker_words> words_by_speaker(const std::vector<cue>& cues) {
  std::map<std::string, speaker_words> out;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    speaker_words& s = out[cues[i].speaker];
    for (auto& w : split_words(cues[i].text)) {
      s.words.push_back(std::move(w));
      s.source.push_back(i);
    }
    if (i + 1 == cues.size() || cues[i + 1].speaker != cues[i].speaker) s.turn_ends.push_back(s.words.size());
  }
  return out;
}

void check_stitch_properties(const std::vector<cue>& in, const vttkit::stitch_options& options) {
  const auto out = vttkit::stitch(in, options);
  const auto before = words_by_speaker(in);
  const auto after = words_by_speaker(out);
  REQUIRE(before.size() == after.size());
  for (const auto& [speaker, s] : before) {
    REQUIRE(after.count(speaker) == 1);
    CHECK(after.at(speaker).words == s.words);  // every word kept, in order, per speaker
  }
  millis earliest = in.front().start;
  for (const cue& c : in) earliest = std::min(earliest, c.start);
  std::map<std::string, std::size_t> said;  // words of each speaker written so far
  for (std::size_t i = 0; i < out.size(); ++i) {
    const cue& c = out[i];
    CHECK(c.start < c.end);
    if (i > 0) CHECK(c.start >= out[i - 1].start);
    CHECK(c.start >= earliest);
    CHECK(c.payload == vttkit::make_payload(c.speaker, c.text));
    const std::size_t words = split_words(c.text).size();
    const std::size_t total = said[c.speaker] += words;
    const auto& ends = before.at(c.speaker).turn_ends;
    const bool last_of_turn = std::find(ends.begin(), ends.end(), total) != ends.end();
    // A turn without a speaker has reading-sized caps where the options give none.
    const bool unvoiced_capped = c.speaker.empty() && options.max_chars == 0 && options.max_duration <= 0 &&
                                 (options.unvoiced_max_chars > 0 || options.unvoiced_max_duration > 0);
    const bool capped = options.max_chars > 0 || options.max_duration > 0 || unvoiced_capped;
    if (!last_of_turn && !capped) CHECK(ends_sentence(c.text));
    const bool one_word = words == 1;
    if (options.max_chars > 0 && !one_word) CHECK(code_points(c.text) <= options.max_chars);
  }
}

/// On overlapping speakers every sentence lies within its source cues: nothing was moved.
void check_overlapping_speakers(const std::vector<cue>& in, const vttkit::stitch_options& options) {
  check_stitch_properties(in, options);
  const auto out = vttkit::stitch(in, options);
  const auto before = words_by_speaker(in);
  std::map<std::string, std::size_t> said;
  for (const cue& c : out) {
    const speaker_words& s = before.at(c.speaker);
    const std::size_t first = said[c.speaker];
    const std::size_t last = (said[c.speaker] += split_words(c.text).size()) - 1;
    CHECK(c.start >= in[s.source[first]].start);
    CHECK(c.end <= in[s.source[last]].end);
    CHECK(c.end - c.start > 1);  // never squeezed to 1 ms by a clamp
  }
}

}  // namespace

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
  CHECK(one("I met Mr. Brown and Ms. Green. They said hi.") == list{"I met Mr. Brown and Ms. Green.", "They said hi."});
  CHECK(one("We saw J. R. R. Tolkien's house. It was small.") ==
        list{"We saw J. R. R. Tolkien's house.", "It was small."});
  CHECK(one("It costs 3.5 dollars, i.e. a lot. Really.") == list{"It costs 3.5 dollars, i.e. a lot.", "Really."});
  CHECK(one("The U.K. And the U.S. Both agreed.") == list{"The U.K. And the U.S. Both agreed."});
  CHECK(one("Apples, pears, etc. Then St. Paul vs. Prof. X spoke.") ==
        list{"Apples, pears, etc. Then St. Paul vs. Prof. X spoke."});
  CHECK(one("Smith et al. Found it. We met at 9 a.m. Then left.") ==
        list{"Smith et al. Found it.", "We met at 9 a.m. Then left."});
  CHECK(one("Look at No. 5 on the list. No. I won't.") == list{"Look at No. 5 on the list.", "No.", "I won't."});
  // Spanish plural initials: "EE. UU." is one abbreviation; "EE." before anything else ends.
  CHECK(one("El presidente de los EE. UU. habló. Bien.") == list{"El presidente de los EE. UU. habló.", "Bien."});
  CHECK(one("Lo vi en la tele. EE. Ya.") == list{"Lo vi en la tele.", "EE.", "Ya."});
  // The pronoun "I" ends a sentence; "I." before another initial is one.
  CHECK(one("So do I. Then we left. I. M. Pei built it.") == list{"So do I.", "Then we left.", "I. M. Pei built it."});
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

TEST_CASE("stitch keeps a sentence whole around a short interjection", "[transform][stitch]") {
  using list = std::vector<std::string>;
  const auto sentence = [](std::string b_text, millis b_start, millis b_end, millis a_start) {
    return std::vector<cue>{make_cue("A", 0, 3000, "I think that we should"), make_cue("B", b_start, b_end, b_text),
                            make_cue("A", a_start, 5000, "go to the station now.")};
  };
  // B's "Yeah." overlaps A's sentence, which A goes on with: one cue for the sentence, B's at
  // its own time after it (ordered by start).
  const auto st = vttkit::stitch(sentence("Yeah.", 2500, 3200, 3000));
  REQUIRE(texts(st) == list{"I think that we should go to the station now.", "Yeah."});
  CHECK(st[0].speaker == "A");
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 5000);
  CHECK(st[1].speaker == "B");
  CHECK(st[1].start == 2500);
  CHECK(st[1].end == 3200);
  // Gaps shorter than a second (T304) count as none: B 3.1-3.4 s, A again at 4.2 s.
  CHECK(texts(vttkit::stitch(sentence("Mm-hmm.", 3100, 3400, 4200))) ==
        list{"I think that we should go to the station now.", "Mm-hmm."});
  // A turn of three words is no interjection (T304: fewer than 3): the sentence ends before it.
  CHECK(texts(vttkit::stitch(sentence("Yes we should.", 2500, 3200, 3000))) ==
        list{"I think that we should", "Yes we should.", "go to the station now."});
  // Nor is one after which A pauses a second or more.
  CHECK(texts(vttkit::stitch(sentence("Yeah.", 2500, 3200, 4200))) ==
        list{"I think that we should", "Yeah.", "go to the station now."});
  // Nor one of two cues, nor one after a finished sentence.
  auto two = sentence("Yeah.", 2500, 2800, 3000);
  two.insert(two.begin() + 2, make_cue("B", 2800, 2900, "Sure."));
  CHECK(texts(vttkit::stitch(two)) == list{"I think that we should", "Yeah.", "Sure.", "go to the station now."});
  const std::vector<cue> finished = {make_cue("A", 0, 3000, "I think so."), make_cue("B", 2500, 3200, "Yeah."),
                                     make_cue("A", 3000, 5000, "Let's go.")};
  CHECK(texts(vttkit::stitch(finished)) == list{"I think so.", "Yeah.", "Let's go."});
  // Nor one that ends the file, or after which a third speaker talks.
  CHECK(texts(vttkit::stitch(
            std::vector<cue>{make_cue("A", 0, 3000, "I think that we should"), make_cue("B", 2500, 3200, "Yeah.")})) ==
        list{"I think that we should", "Yeah."});
  auto third = sentence("Yeah.", 2500, 3200, 3000);
  third[2].speaker = "C";
  CHECK(texts(vttkit::stitch(third)) == list{"I think that we should", "Yeah.", "go to the station now."});
}

TEST_CASE("stitch keeps overlapping speakers at their own times", "[transform][stitch]") {
  // A speaks over 0-10 s, B from 2 s to 6 s; each has 29 code points. A: "One two three." ends
  // at 14 (4827.6 -> 4828), "Four five six." starts at 15 (5172.4 -> 5172). B: "Seven eight
  // nine." ends at 17 (2000 + 2344.8 -> 4345), "Ten eleven." starts at 18 (2000 + 2482.8 -> 4482).
  const std::vector<cue> cues = {make_cue("A", 0, 10000, "One two three. Four five six."),
                                 make_cue("B", 2000, 6000, "Seven eight nine. Ten eleven.")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) ==
          std::vector<std::string>{"One two three.", "Seven eight nine.", "Ten eleven.", "Four five six."});
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 4828);
  CHECK(st[1].start == 2000);
  CHECK(st[1].end == 4345);
  CHECK(st[2].start == 4482);
  CHECK(st[2].end == 6000);
  CHECK(st[3].start == 5172);
  CHECK(st[3].end == 10000);

  // A short interjection goes between the sentences around it: "Right." starts at 11 of 17
  // (6470.6 -> 6470), after "Hm." at 4000.
  const std::vector<cue> two = {make_cue("A", 0, 10000, "Yes. Okay. Right."), make_cue("B", 4000, 5000, "Hm.")};
  const auto st2 = vttkit::stitch(two);
  REQUIRE(texts(st2) == std::vector<std::string>{"Yes.", "Okay.", "Hm.", "Right."});
  CHECK(st2[2].start == 4000);
  CHECK(st2[2].end == 5000);
  CHECK(st2[3].start == 6470);
  CHECK(st2[3].end == 10000);
}

TEST_CASE("stitch moves a speaker's backward sentence later, keeping its length", "[transform][stitch]") {
  std::vector<cue> cues = {make_cue("A", 0, 5000, "One. Two."), make_cue("A", 1000, 3000, "Three. Four.")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"One.", "Two.", "Three.", "Four."});
  // "One. Two." is 9 code points over 5 s: "One." ends at 4 (2222.2 -> 2223), "Two." starts at
  // 5 (2777.8 -> 2777). "Three. Four." is 12 over 1000-3000: "Three." would be 1000-2000,
  // "Four." 2166-3000 (2166.7 rounded down); both move to 2777 and keep their 1000 and 834 ms.
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 2223);
  CHECK(st[1].start == 2777);
  CHECK(st[1].end == 5000);
  CHECK(st[2].start == 2777);
  CHECK(st[2].end == 3777);
  CHECK(st[3].start == 2777);
  CHECK(st[3].end == 3611);
}

TEST_CASE("stitch: a cue going back in time lands among another speaker's sentences", "[transform][stitch]") {
  // B's 20 code points span 10-12 s: "One two." is 10.000-10.800, "Three four." 10.900-12.000.
  // The cue without a speaker says it is at 1-2 s, after B's first sentence was written: it
  // moves to 10.000 (no start may go back) and keeps its 1000 ms, so it comes before "Three
  // four.". Every word is kept and each speaker's words keep their order, but the words of all
  // speakers together are no longer in input order (what the fuzz target once demanded).
  const std::vector<cue> cues = {make_cue("B", 10000, 12000, "One two. Three four."),
                                 make_cue("", 1000, 2000, "Five six.")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"One two.", "Five six.", "Three four."});
  CHECK(st[0].speaker == "B");
  CHECK(st[1].speaker.empty());
  CHECK(st[2].speaker == "B");
  CHECK(st[0].start == 10000);
  CHECK(st[0].end == 10800);
  CHECK(st[1].start == 10000);
  CHECK(st[1].end == 11000);
  CHECK(st[2].start == 10900);
  CHECK(st[2].end == 12000);
}

TEST_CASE("stitch: a sentence moved later ends no later than WebVTT can spell", "[transform][stitch]") {
  // B speaks in the last second WebVTT can spell; a 99 s cue going back in time moves to B's
  // start. Keeping its length would end it past 2562047788014:59:59.999, which no parser reads
  // back: the written file lost the cue. It ends at that time instead.
  constexpr millis last = vttkit::max_timestamp;
  CHECK(vttkit::collect_timestamp("2562047788014:59:59.999").value == last);
  CHECK(!vttkit::collect_timestamp("2562047788015:00:00.000").ok);
  const std::vector<cue> cues = {make_cue("B", last - 1000, last, "One two. Three four."),
                                 make_cue("", 1000, 100000, "Five six.")};
  vttkit::stitch_options whole;  // no cap: the 99 s cue stays one sentence
  whole.unvoiced_max_chars = 0;
  whole.unvoiced_max_duration = 0;
  const auto st = vttkit::stitch(cues, whole);
  REQUIRE(texts(st) == std::vector<std::string>{"One two.", "Five six.", "Three four."});
  CHECK(st[1].start == last - 1000);
  CHECK(st[1].end == last);
  vttkit::document doc;
  doc.cues = st;
  CHECK(vttkit::parse(vttkit::write_document(doc)).document.cues.size() == 3);
}

TEST_CASE("stitch --max-chars cuts text without spaces", "[transform][stitch]") {
  using list = std::vector<std::string>;
  const auto cut = [](std::string text, std::size_t max_chars) {
    return stitched_texts({make_cue("", 0, 6000, std::move(text))}, {max_chars, 0});
  };
  // 21 characters, 2 chunks of about 10: the clause mark 、 after 11 is near enough.
  CHECK(cut("今日は天気がいいので、公園に行きましょう。", 12) ==
        list{"今日は天気がいいので、", "公園に行きましょう。"});
  // No clause mark: between characters, in even chunks (29 characters: 9, then 10 and 10).
  CHECK(cut("今日は天気がとてもいいので公園に行って散歩をしましょうか。", 10) ==
        list{"今日は天気がとても", "いいので公園に行って", "散歩をしましょうか。"});
  // Never before a mark or a closing bracket, never after an opening one.
  CHECK(cut("「本当？」", 2) == list{"「本", "当？」"});
  // Words with spaces around them are cut at the spaces as before.
  CHECK(cut("abc 東京タワー", 4) == list{"abc", "東京", "タワー"});
  // A likely word boundary, hiragana before katakana or Han, near enough the even cut (10 of
  // 21): after 12, not before the small ょ at 10.
  CHECK(cut("わたしはきのうとうきょうタワーへいきました", 12) ==
        list{"わたしはきのうとうきょう", "タワーへいきました"});
  // Else a change of script near enough (7 of 15: Han to katakana at 6).
  CHECK(cut("私は昨日東京タワーへ行きました", 10) == list{"私は昨日東京", "タワーへ行きました"});
  // Never before ー or a small kana (6 of 13: 5 and 7 are the nearest allowed; the later wins).
  CHECK(cut("コンピューターネットワーク", 7) == list{"コンピューター", "ネットワーク"});
  // After … ― ‥ — that end a clause of such text (the even cut, 6 of 13), not one later.
  CHECK(cut("大丈夫だよ…だめだだめだ！", 12) == list{"大丈夫だよ…", "だめだだめだ！"});
  CHECK(cut("大丈夫だよ―だめだだめだ！", 12) == list{"大丈夫だよ―", "だめだだめだ！"});
  // Never between a kana and its combining voiced mark U+3099.
  CHECK(cut("かか\u3099か", 2) == list{"か", "か\u3099", "か"});
  // The chunks meet without a gap and without a 1 ms overlap from rounding.
  const auto st = vttkit::stitch(std::vector<cue>{make_cue("", 0, 6000, "今日は天気がいいので、公園に行きましょう。")},
                                 {12, 0});
  REQUIRE(st.size() == 2);
  CHECK(st[0].end == 3143);  // 11 of 21 characters: 3142.9 rounded up
  CHECK(st[1].start == 3143);
}

TEST_CASE("stitch keeps word timings across the pause U+3000", "[transform][stitch]") {
  // Two timed words with a space between them: joined by the pause, still the words' times.
  cue c = make_cue("", 0, 4000, "そうですね わかりました。");
  c.words = {{"そうですね", 0, 1000}, {"わかりました。", 3000, 4000}};
  cue next = make_cue("", 4000, 5000, "ええ");
  next.words = {{"ええ", 4000, 5000}};
  const auto st = vttkit::stitch(std::vector<cue>{c, next});
  REQUIRE(texts(st) == std::vector<std::string>{"そうですね\u3000わかりました。", "ええ"});
  CHECK(st[0].words.size() == 2);
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 4000);
  // 13 characters cut in 2 of about 6: at the pause after 5, each side with its word's times.
  const auto cut = vttkit::stitch(std::vector<cue>{c}, {10, 0});
  REQUIRE(texts(cut) == std::vector<std::string>{"そうですね", "わかりました。"});
  CHECK(cut[0].end == 1000);
  CHECK(cut[1].start == 3000);
}

TEST_CASE("stitch --max-chars cuts at the pause U+3000 and drops it", "[transform][stitch]") {
  using list = std::vector<std::string>;
  // 8 + 6 characters and the pause: 2 chunks of about 7, the pause after 8 is near enough.
  const std::vector<cue> cues = {make_cue("", 0, 2000, "我们今天去看电影"), make_cue("", 2000, 4000, "然后一起回家")};
  const auto st = vttkit::stitch(cues, {10, 0});
  REQUIRE(texts(st) == list{"我们今天去看电影", "然后一起回家"});
  CHECK(st[0].end == 2000);
  CHECK(st[1].start == 2000);
  // Preferred to a nearer boundary between two characters: 17 characters, 2 chunks of about
  // 8; the pause after 6 rather than 我|们 after 8.
  CHECK(stitched_texts({make_cue("", 0, 1000, "今天天气很好\u3000我们一起去公园散步吧")}, {10, 0}) ==
        list{"今天天气很好", "我们一起去公园散步吧"});
}

TEST_CASE("stitch and merge keep no-break and thin spaces between words", "[transform][stitch][merge]") {
  // U+00A0 no-break space, U+2009 thin space, U+202F narrow no-break space: kept between two
  // words, where they keep the line from breaking; white space at a text's ends as before.
  const std::string nbsp = "\u00A0", thin = "\u2009", narrow = "\u202F";
  const std::vector<cue> cues = {make_cue("A", 0, 1000, "It is 10" + nbsp + "km"),
                                 make_cue("A", 1000, 2000, nbsp + "to 5" + thin + "000 m. Mr." + nbsp + "Li  " + nbsp),
                                 make_cue("A", 2000, 3000, "paid 20" + narrow + "\u20AC.")};
  const auto merged = vttkit::merge(cues);
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].text ==
        "It is 10" + nbsp + "km to 5" + thin + "000 m. Mr." + nbsp + "Li paid 20" + narrow + "\u20AC.");
  // A sentence never ends at "Mr." before a no-break space: it is no space to cut at.
  CHECK(texts(vttkit::stitch(cues)) == std::vector<std::string>{"It is 10" + nbsp + "km to 5" + thin + "000 m.",
                                                                "Mr." + nbsp + "Li paid 20" + narrow + "\u20AC."});
  // A no-break space alone, as a blank cue holds it, is no word.
  CHECK(vttkit::merge(std::vector<cue>{make_cue("A", 0, 1000, nbsp)}).front().text.empty());
}

TEST_CASE("stitch ends sentences at the marks of other scripts", "[transform][stitch]") {
  using list = std::vector<std::string>;
  // CJK full stops need no space after them: 15 code points over 6 s, 400 ms each.
  const auto st = vttkit::stitch(std::vector<cue>{make_cue("", 0, 6000, "はい。そうです。わかりました。")});
  REQUIRE(texts(st) == list{"はい。", "そうです。", "わかりました。"});
  CHECK(st[0].end == 1200);
  CHECK(st[1].start == 1200);
  CHECK(st[1].end == 3200);
  CHECK(st[2].start == 3200);
  CHECK(stitched_texts({make_cue("", 0, 1000, "本当？はい！ええ．そう")}) ==
        list{"本当？", "はい！", "ええ．", "そう"});
  // Closing brackets after the mark stay with the sentence.
  CHECK(stitched_texts({make_cue("", 0, 1000, "「本当？」はい。")}) == list{"「本当？」", "はい。"});
  // Devanagari, Arabic, Armenian, Ethiopic: a space follows the mark, as after `.`.
  CHECK(stitched_texts({make_cue("", 0, 1000, "नमस्ते। आप कैसे हैं॥ ठीक")}) == list{"नमस्ते।", "आप कैसे हैं॥", "ठीक"});
  CHECK(stitched_texts({make_cue("", 0, 1000, "هل أنت بخير؟ نعم۔ شكرا")}) == list{"هل أنت بخير؟", "نعم۔", "شكرا"});
  CHECK(stitched_texts({make_cue("", 0, 1000, "Բարև։ Ինչպես ես")}) == list{"Բարև։", "Ինչպես ես"});
  CHECK(stitched_texts({make_cue("", 0, 1000, "ሰላም። እንዴት ነህ፧ ደህና")}) == list{"ሰላም።", "እንዴት ነህ፧", "ደህና"});
  // Thai writes no sentence mark; its spaces are not sentence ends.
  CHECK(stitched_texts({make_cue("", 0, 1000, "สวัสดีครับ วันนี้อากาศดี")}) == list{"สวัสดีครับ วันนี้อากาศดี"});
}

TEST_CASE("stitch ends a CJK sentence with its cue, not after the silence that follows", "[transform][stitch]") {
  // Joined without a space, the sentence end falls where the next cue's text begins: its time
  // is the first cue's end, 2 s, not the next cue's start, 10 s.
  const auto st = vttkit::stitch(
      std::vector<cue>{make_cue("", 1000, 2000, "危ない！"), make_cue("", 10000, 11000, "ケガはないか？")});
  REQUIRE(st.size() == 2);
  CHECK(st[0].start == 1000);
  CHECK(st[0].end == 2000);
  CHECK(st[1].start == 10000);
  CHECK(st[1].end == 11000);
}

TEST_CASE("stitch ends a sentence before a silence of over 10 s", "[transform][stitch]") {
  using list = std::vector<std::string>;
  // Without a final mark the sentence would run from 12 s to 41 s, over 27 s of silence.
  const auto st = vttkit::stitch(
      std::vector<cue>{make_cue("", 12000, 13000, "好的"), make_cue("", 40000, 41000, "走吧。")});
  REQUIRE(texts(st) == list{"好的", "走吧。"});
  CHECK(st[0].end == 13000);
  CHECK(st[1].start == 40000);
  CHECK(stitched_texts({make_cue("A", 0, 1000, "okay"), make_cue("A", 20000, 21000, "let us go.")}) ==
        list{"okay", "let us go."});
  // 10 s exactly is no such silence; and the option turns it off.
  CHECK(stitched_texts({make_cue("A", 0, 1000, "okay"), make_cue("A", 11000, 12000, "let us go.")}) ==
        list{"okay let us go."});
  vttkit::stitch_options o;
  o.sentence_gap = 0;
  CHECK(texts(vttkit::stitch(std::vector<cue>{make_cue("A", 0, 1000, "okay"), make_cue("A", 20000, 21000, "go.")},
                             o)) == list{"okay go."});
}

TEST_CASE("stitch and merge join CJK fragments with nothing", "[transform][stitch][merge]") {
  using list = std::vector<std::string>;
  const std::vector<cue> cues = {make_cue("", 0, 3000, "今日は天気が"),
                                 make_cue("", 3000, 6000, "いいですね。「本当？」はい。")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == list{"今日は天気がいいですね。", "「本当？」", "はい。"});
  // 6 of the second cue's 14 characters: 3000 + 6 / 14 * 3000 = 4285.7 ms.
  CHECK(st[0].end == 4286);
  for (std::size_t i = 1; i < st.size(); ++i) CHECK(st[i].start >= st[i - 1].end);  // no 1 ms overlap
  CHECK(texts(vttkit::merge(cues)) == list{"今日は天気がいいですね。「本当？」はい。"});
  const auto merged = [](std::vector<std::string> parts) {
    std::vector<cue> in;
    for (std::size_t i = 0; i < parts.size(); ++i)
      in.push_back(make_cue("", static_cast<millis>(i) * 1000, static_cast<millis>(i + 1) * 1000, parts[i]));
    return texts(vttkit::merge(in)).front();
  };
  const std::string pause = "\u3000";  // ideographic space
  // A cue break or a line break may be a pause or a line wrapped at a width ("出现问\n题"):
  // nothing is added. Spaces in the text are a pause, kept as U+3000.
  CHECK(merged({"我们今天去看电影", "然后一起回家"}) == "我们今天去看电影然后一起回家");
  CHECK(merged({"出现问\n题"}) == "出现问题");
  CHECK(merged({"はい  そうです", "ね"}) == "はい" + pause + "そうですね");
  CHECK(merged({"我们" + pause + "然后"}) == "我们" + pause + "然后");  // merging again changes nothing
  // A mark or bracket on either side needs no pause: 、 。 ！ 」 … after the text, 」 before.
  CHECK(merged({"はい、", "そうです"}) == "はい、そうです");
  CHECK(merged({"はい。\nそうです"}) == "はい。そうです");
  CHECK(merged({"本当", "」と言った"}) == "本当」と言った");
  CHECK(merged({"えっと…", "はい"}) == "えっと…はい");
  CHECK(merged({"えっと……", "はい"}) == "えっと……はい");
  CHECK(merged({"「本当", "「はい"}) == "「本当「はい");
  // Latin on either side, and … after Latin text, keep the ASCII space.
  CHECK(merged({"Well…", "はい"}) == "Well… はい");
  CHECK(merged({"はい", "OK"}) == "はい OK");
  CHECK(merged({"Hello\nworld", "again"}) == "Hello world again");
  // Hangul is written with spaces, and so is a boundary with Latin on one side.
  CHECK(texts(vttkit::merge(std::vector<cue>{make_cue("", 0, 1000, "안녕"), make_cue("", 1000, 2000, "하세요")})) ==
        list{"안녕 하세요"});
  CHECK(texts(vttkit::merge(std::vector<cue>{make_cue("", 0, 1000, "東京"), make_cue("", 1000, 2000, "Tower")})) ==
        list{"東京 Tower"});
}

TEST_CASE("stitch keeps a sound tag after a sentence end apart", "[transform][stitch]") {
  using list = std::vector<std::string>;
  // 33 code points over 6 s: "Sit down." ends at 9 (1636.4 -> 1637), the tag spans 10-22.
  const auto st = vttkit::stitch(std::vector<cue>{make_cue("", 0, 6000, "Sit down. [door slams] Who is it?")});
  REQUIRE(texts(st) == list{"Sit down.", "[door slams]", "Who is it?"});
  CHECK(st[0].end == 1637);
  CHECK(st[1].start == 1818);
  CHECK(st[1].end == 4000);
  CHECK(stitched_texts({make_cue("", 0, 1000, "Fine. (laughs) okay then.")}) ==
        list{"Fine.", "(laughs)", "okay then."});
  // A tag across two cues, and one at the end of the turn.
  CHECK(stitched_texts({make_cue("", 0, 1000, "Sit down. [door"), make_cue("", 1000, 2000, "slams] Who? [music]")}) ==
        list{"Sit down.", "[door slams]", "Who?", "[music]"});
  // A speaker's label in brackets stays with the words it labels; a sound written like a name
  // stands apart.
  CHECK(stitched_texts({make_cue("", 0, 1000, "Fine. [Alba] Okay then. [Music] Bye.")}) ==
        list{"Fine.", "[Alba] Okay then.", "[Music]", "Bye."});
  // Not after a sentence end, or not a tag: the sentence goes on.
  CHECK(stitched_texts({make_cue("", 0, 1000, "He said (quietly) no. Then (x. y) went.")}) ==
        list{"He said (quietly) no.", "Then (x. y) went."});
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

TEST_CASE("stitch properties over transcripts without voices", "[transform][stitch][property]") {
  transcript_generator generate(8, false);
  for (int round = 0; round < 200; ++round) {
    const auto cues = generate.make();
    for (const cue& c : cues) REQUIRE(c.speaker.empty());
    check_stitch_properties(cues, {});
    check_stitch_properties(cues, {30, 0});
    check_stitch_properties(cues, {45, 3000});
  }
}

TEST_CASE("stitch properties over speakers talking over each other", "[transform][stitch][property]") {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    const auto cues = overlapping_speakers(rng);
    check_overlapping_speakers(cues, {});
    check_overlapping_speakers(cues, {30, 0});
    check_overlapping_speakers(cues, {0, 2500});
  }
}

TEST_CASE("stitch --max-chars on one long cue: time grows linearly", "[transform][stitch]") {
  // Each cut piece's time used to be counted from the start of the one source cue, and each
  // unfinished cut counted all the text left: quadratic (200,000 words 21 s, 400,000 66 s).
  for (const bool sentences : {false, true}) {
    INFO((sentences ? "one sentence end per 50 words" : "no sentence end"));
    vtt_test::check_linear(
        [sentences](std::size_t n) {
          std::string text;
          for (std::size_t i = 0; i < n; ++i) text += (sentences && i % 50 == 49) ? "word. " : "word ";
          text.pop_back();
          vttkit::stitch_options o;
          o.max_chars = 40;
          const auto out = vttkit::stitch(std::vector<cue>{make_cue("", 0, 3'600'000, text)}, o);
          REQUIRE(out.size() > n / 10);
          CHECK(out.back().end == 3'600'000);
        },
        20000);
  }
}

TEST_CASE("merge and stitch bound a cue of one endless turn at 1 MiB", "[transform][stitch][merge]") {
  // 3 MB of one speaker's fragments without a sentence end and without caps: the merged and the
  // stitched cues stay under the bound (memory bounded, output readable), no word lost.
  std::vector<cue> in;
  std::size_t words = 0;
  for (int i = 0; i < 60000; ++i) {
    in.push_back(make_cue("Ann", i * 1000, i * 1000 + 900, "some words of fifty bytes and then a few more here"));
    words += 11;
  }
  for (const bool stitching : {false, true}) {
    INFO((stitching ? "stitch" : "merge"));
    const auto out = stitching ? vttkit::stitch(in, {}) : vttkit::merge(in, {});
    REQUIRE(out.size() >= 3);
    std::size_t seen = 0;
    for (const auto& c : out) {
      CHECK(c.text.size() <= (std::size_t{1} << 20));
      seen += static_cast<std::size_t>(std::count(c.text.begin(), c.text.end(), ' ')) + 1;
    }
    CHECK(seen == words);
  }
}

TEST_CASE("stitch cuts a turn without a speaker at reading size when no cap is given", "[transform][stitch]") {
  // Automatic captions without punctuation: no sentence ever ends. Without a speaker and without
  // caps, the turn is cut as merge cuts it (500 characters, 30 s); a voiced turn is not.
  std::vector<cue> in;
  for (int i = 0; i < 60; ++i)
    in.push_back(make_cue("", i * 3000, i * 3000 + 3000, "so we go on and on without an end"));
  const auto out = vttkit::stitch(in);
  REQUIRE(out.size() >= 6);
  for (const auto& c : out) {
    CHECK(c.end - c.start <= 30000);
    CHECK(c.text.size() <= 500);
  }
  for (auto& c : in) c.speaker = "Ann";
  CHECK(vttkit::stitch(in).size() == 1);
}
