// Helpers shared by the transform tests (test_speakers.cpp, test_merge.cpp, test_stitch.cpp):
// cues made by hand or by the parser, word and sentence counting, and a generator of random
// fragmented transcripts for the property tests.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

namespace transform_test {

using vttkit::cue;
using vttkit::millis;

inline cue make_cue(std::string speaker, millis start, millis end, std::string text) {
  cue c;
  c.start = start;
  c.end = end;
  c.speaker = std::move(speaker);
  c.payload = vttkit::make_payload(c.speaker, text);
  c.text = std::move(text);
  return c;
}

/// A cue as the parser makes it from a payload.
inline cue parsed_cue(std::string_view payload, millis start = 0, millis end = 1000) {
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

inline std::vector<std::string> texts(const std::vector<cue>& cues) {
  std::vector<std::string> out;
  for (const cue& c : cues) out.push_back(c.text);
  return out;
}

inline std::vector<std::string> stitched_texts(std::vector<cue> cues, vttkit::stitch_options options = {}) {
  return texts(vttkit::stitch(cues, options));
}

/// Words as the acceptance checks count them: split at white space (ASCII is enough here).
inline std::vector<std::string> split_words(std::string_view text) {
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

inline std::size_t code_points(std::string_view s) {
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

inline std::vector<run> runs_of(const std::vector<cue>& cues) {
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

/// Whether `text` ends a sentence, or is a sound tag stitch keeps apart ("(really)").
inline bool ends_sentence(std::string_view text) {
  if ((text.starts_with('[') && text.ends_with(']')) || (text.starts_with('(') && text.ends_with(')'))) return true;
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

/// Makes random fragmented transcripts: several speakers (one of them none), sentences with
/// abbreviations, decimals, initials, quotes and ellipses, cut into cues at random words, with
/// gaps, overlaps, odd white space and non-ASCII letters.
class transcript_generator {
 public:
  /// `voices`: false makes every cue speakerless, as Whisper, YouTube and Zoom files are.
  explicit transcript_generator(unsigned seed, bool voices = true) : rng_(seed), voices_(voices) {}

  std::vector<cue> make() {
    std::vector<cue> cues;
    const std::size_t turns = pick(1, 8);
    millis t = pick_ms(0, 5000);
    std::string previous_speaker = "-";
    for (std::size_t turn = 0; turn < turns; ++turn) {
      std::string speaker;
      do speaker = voices_ ? speakers_[pick(0, std::size(speakers_) - 1)] : "";
      while (voices_ && speaker == previous_speaker);
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
  std::size_t pick(std::size_t lo, std::size_t hi) { return std::uniform_int_distribution<std::size_t>(lo, hi)(rng_); }
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
  bool voices_;
  const char* speakers_[4] = {"", "Speaker 1", "Speaker 2", "Host"};
  const char* plain_[16] = {"the",         "market", "price", "we",     "think", "rates", "caf\u00E9", "na\u00EFve",
                            "Z\u00FCrich", "okay",   "I",     "really", "bonds", "yield", "so",        "\u00E9t\u00E9"};
  const char* specials_[12] = {"Dr.",  "Mr.",  "U.S.",     "e.g.",       "3.5",  "J.",
                               "etc.", "i.e.", "(really)", "\"quoted\"", "a.m.", "\u2014"};
  const char* ends_[9] = {".", "?", "!", "...", "\u2026", "?\"", ".)", ".\u201D", "!"};
};

/// Speakers talking over each other: each speaker's cues follow one another without overlap,
/// the speakers' timelines overlap freely, and the cues are sorted by start, as a diarizing
/// service writes them.
inline std::vector<cue> overlapping_speakers(std::mt19937& rng) {
  const auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* vocabulary[] = {"we", "think", "the", "price", "is", "fine", "caf\u00E9", "really", "so", "okay"};
  const char* ends[] = {".", "?", "!"};
  std::vector<cue> cues;
  const int speakers = pick(2, 4);
  for (int s = 0; s < speakers; ++s) {
    const std::string speaker = "S" + std::to_string(s);
    millis t = pick(0, 3000);
    bool capital = true;
    for (int n = pick(1, 8); n > 0; --n) {
      std::string text;
      for (int w = pick(1, 8); w > 0; --w) {
        std::string word = vocabulary[pick(0, 9)];
        if (capital) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
        capital = pick(0, 3) == 0;
        if (capital) word += ends[pick(0, 2)];
        text += text.empty() ? word : " " + word;
      }
      const millis start = t + pick(0, 1500);
      const millis end = start + pick(200, 4000);
      cues.push_back(make_cue(speaker, start, end, text));
      t = end;
    }
  }
  std::stable_sort(cues.begin(), cues.end(), [](const cue& a, const cue& b) { return a.start < b.start; });
  return cues;
}

/// Whole words, in order, per run of one speaker: the same on both sides.
inline void check_words_per_run(const std::vector<cue>& in, const std::vector<cue>& out) {
  const auto a = runs_of(in);
  const auto b = runs_of(out);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].speaker == b[i].speaker);
    CHECK(a[i].words == b[i].words);
  }
}

}  // namespace transform_test
