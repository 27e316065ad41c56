// Fuzz target: round trips (docs/fuzzing.md). The input is a WebVTT file; its last three bytes
// also choose the merge and stitch options. It checks that
//  - parse, write WebVTT, parse again gives the same cues, blocks and header, with no error but
//    E003 (kept cues that end before they start) and the same cue text warnings; writing the
//    second document gives the same bytes (the canonical form is a fixed point);
//  - the JSON and podcast JSON writers write valid JSON, JSON Lines one valid object a line;
//  - merge keeps every word, in order, with its speaker; stitch, and merge then stitch, keep
//    each speaker's words in order (the output is ordered by start, so speakers who overlap
//    interleave, and a cue that goes back in time lands among another speaker's); the
//    cues they make carry a payload that reads back as their text and speaker, stitched starts
//    never decrease, stitched cues respect the caps (but for a single word), and both kinds of
//    cue survive a WebVTT round trip.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <vttkit/cue_text.hpp>
#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "fuzz_support.hpp"

namespace {

// ---------------------------------------------------------------------------------------------
// Words, as the transforms define them: runs of characters that Python's str.isspace() does not
// accept. Written from that definition, independently of the library's own code.

/// Decodes the code point at s[i] (the text is valid UTF-8: the parser repairs it).
std::uint32_t code_point(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = s.size() - i;
  length = n;
  std::uint32_t cp = n == 1 ? b : n == 2 ? b & 0x1Fu : n == 3 ? b & 0x0Fu : b & 0x07u;
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return cp;
}

bool is_python_space(std::uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/// Han, kana, CJK punctuation and full-width forms: scripts written without spaces, whose
/// fragments the transforms join without one (docs/transcripts.md, "Other scripts").
bool is_unspaced(std::uint32_t cp) {
  return (cp >= 0x3001 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF01 && cp <= 0xFF9F) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

/// The words of `text`; each character of a script written without spaces is a word of its
/// own, so that joining "はい" and "そう" into "はいそう" keeps the same words.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0, n = 0; i < text.size(); i += n) {
    const std::uint32_t cp = code_point(text, i, n);
    if (is_unspaced(cp)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      words.emplace_back(text.substr(i, n));
    } else if (is_python_space(cp)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(text.substr(i, n));
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

using spoken_words = std::vector<std::pair<std::string, std::string>>;  // speaker, word

spoken_words spoken(const std::vector<vttkit::cue>& cues) {
  spoken_words all;
  for (const vttkit::cue& c : cues)
    for (std::string& w : words_of(c.text)) all.emplace_back(c.speaker, std::move(w));
  return all;
}

/// The same words, each speaker's in their order, the speakers one after another (stable).
spoken_words by_speaker(spoken_words words) {
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return words;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// ---------------------------------------------------------------------------------------------
// A strict JSON (RFC 8259) checker.

class json_checker {
 public:
  explicit json_checker(std::string_view s) : s_(s) {}
  /// One value and nothing else but white space.
  bool document() {
    space();
    if (!value(0)) return false;
    space();
    return i_ == s_.size();
  }

 private:
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool digits() {
    const std::size_t from = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > from;
  }
  bool number() {
    eat('-');
    if (eat('0')) {
      if (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') return false;
    } else if (!digits()) {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (eat('e') || eat('E')) {
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      if (e == 'u') {
        for (int k = 0; k < 4; ++k, ++i_) {
          if (i_ >= s_.size()) return false;
          const char h = s_[i_];
          if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return false;
        }
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      }
    }
    return false;
  }
  bool value(int depth) {
    if (depth > 64 || i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{': {
        ++i_;
        space();
        if (eat('}')) return true;
        do {
          space();
          if (!string()) return false;
          space();
          if (!eat(':')) return false;
          space();
          if (!value(depth + 1)) return false;
          space();
        } while (eat(','));
        return eat('}');
      }
      case '[': {
        ++i_;
        space();
        if (eat(']')) return true;
        do {
          space();
          if (!value(depth + 1)) return false;
          space();
        } while (eat(','));
        return eat(']');
      }
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

bool valid_json(std::string_view s) { return json_checker(s).document(); }

// ---------------------------------------------------------------------------------------------

bool same_cue(const vttkit::cue& a, const vttkit::cue& b) {
  return a.id == b.id && a.start == b.start && a.end == b.end && a.settings == b.settings && a.payload == b.payload &&
         a.text == b.text && a.speaker == b.speaker;
}

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

vttkit::parse_result parse_vtt(std::string_view bytes) {
  vttkit::parse_options options;
  options.format = vttkit::input_format::vtt;
  return vttkit::parse(bytes, options);
}

/// Whether `text` is runs without ASCII white space joined by single spaces (other spaces, such
/// as U+00A0, stay as they were written).
bool single_spaced(std::string_view text) {
  bool after_space = true;  // no space at the start
  for (const char ch : text) {
    const bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
    if (space && (ch != ' ' || after_space)) return false;
    after_space = space;
  }
  return text.empty() || !after_space;
}

/// Cues a transform rewrote: the payload is `<v NAME>` and the escaped text, the text single words.
void check_rewritten(const std::vector<vttkit::cue>& cues) {
  vttkit::cue_text_summary summary;
  for (const vttkit::cue& c : cues) {
    vttkit::summarize_cue_text(c.payload, summary);
    FUZZ_CHECK(summary.plain == c.text);
    FUZZ_CHECK(summary.speaker == c.speaker);
    FUZZ_CHECK(single_spaced(c.text));
  }
}

/// Writes `cues` as WebVTT under the header and leading blocks of `doc` (REGION blocks define
/// the regions settings name) and reads them back.
void check_vtt_round_trip(const vttkit::document& doc, const std::vector<vttkit::cue>& cues) {
  vttkit::document out;
  out.header = doc.header;
  for (const vttkit::placed_block& b : doc.blocks)
    if (b.before_cue == 0) out.blocks.push_back(b);
  out.cues = cues;
  const vttkit::parse_result back = parse_vtt(vttkit::write_document(out));
  FUZZ_CHECK(back.document.cues.size() == cues.size());
  for (std::size_t i = 0; i < cues.size(); ++i) FUZZ_CHECK(same_cue(back.document.cues[i], cues[i]));
}

std::size_t count_rule(const std::vector<vttkit::diagnostic>& ds, vttkit::rule r) {
  std::size_t n = 0;
  for (const auto& d : ds) n += d.rule == r;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const vttkit::parse_result first = parse_vtt(input);
  if (!first.has_signature) return 0;
  const vttkit::document& doc = first.document;

  // Parse, write, parse again.
  const std::string written = vttkit::write_document(doc);
  const vttkit::parse_result second = parse_vtt(written);
  FUZZ_CHECK(second.has_signature);
  const vttkit::document& again = second.document;
  FUZZ_CHECK(again.cues.size() == doc.cues.size());
  std::size_t backwards = 0;
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    FUZZ_CHECK(same_cue(again.cues[i], doc.cues[i]));
    backwards += doc.cues[i].end <= doc.cues[i].start;
  }
  FUZZ_CHECK(again.blocks.size() == doc.blocks.size());
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    FUZZ_CHECK(again.blocks[i].block.kind == doc.blocks[i].block.kind);
    FUZZ_CHECK(again.blocks[i].block.text == doc.blocks[i].block.text);
    FUZZ_CHECK(again.blocks[i].before_cue == doc.blocks[i].before_cue);
  }
  FUZZ_CHECK(again.header.title == doc.header.title);
  FUZZ_CHECK(again.header.text == doc.header.text);
  FUZZ_CHECK(again.header.signature_text == trim_end(doc.header.signature_text));
  for (const vttkit::diagnostic& d : second.diagnostics) {
    if (d.info().severity == vttkit::severity::error) FUZZ_CHECK(d.rule == vttkit::rule::end_not_after_start);
  }
  FUZZ_CHECK(count_rule(second.diagnostics, vttkit::rule::end_not_after_start) == backwards);
  FUZZ_CHECK(count_rule(second.diagnostics, vttkit::rule::bad_tag) ==
             count_rule(first.diagnostics, vttkit::rule::bad_tag));
  FUZZ_CHECK(count_rule(second.diagnostics, vttkit::rule::bad_entity) ==
             count_rule(first.diagnostics, vttkit::rule::bad_entity));
  FUZZ_CHECK(vttkit::write_document(again) == written);

  // The other writers.
  for (const auto labels : {vttkit::speaker_labels::none, vttkit::speaker_labels::every}) {
    FUZZ_CHECK(valid_json(vttkit::write_document(doc, {vttkit::output_format::json, labels})));
    FUZZ_CHECK(valid_json(vttkit::write_document(doc, {vttkit::output_format::podcast_json, labels})));
    const std::string lines = vttkit::write_document(doc, {vttkit::output_format::jsonl, labels});
    std::size_t objects = 0;
    for (std::size_t from = 0; from < lines.size();) {
      const std::size_t end = lines.find('\n', from);
      FUZZ_CHECK(end != std::string::npos);
      FUZZ_CHECK(valid_json(std::string_view(lines).substr(from, end - from)));
      ++objects;
      from = end + 1;
    }
    FUZZ_CHECK(objects == doc.cues.size());
    (void)vttkit::write_document(doc, {vttkit::output_format::srt, labels});
    (void)vttkit::write_document(doc, {vttkit::output_format::md, labels});
    (void)vttkit::write_document(doc, {vttkit::output_format::txt, labels});
  }

  // Merge and stitch, with options from the input's last bytes.
  const auto tail = [&](std::size_t k) -> unsigned { return size > k ? data[size - 1 - k] : 0U; };
  vttkit::merge_options merge_options;
  merge_options.max_gap = static_cast<vttkit::millis>(tail(0) % 16) * 250;
  merge_options.max_chars = (tail(0) / 16) % 4 == 0 ? 0 : (tail(0) / 16) * 6;
  merge_options.max_duration = static_cast<vttkit::millis>(tail(1) % 8) * 1500;
  vttkit::stitch_options stitch_options;
  stitch_options.max_chars = (tail(1) / 8) % 32;
  stitch_options.max_duration = static_cast<vttkit::millis>(tail(2) % 8) * 700;

  const spoken_words words = spoken(doc.cues);
  const std::vector<vttkit::cue> merged = vttkit::merge(doc.cues, merge_options);
  FUZZ_CHECK(spoken(merged) == words);
  FUZZ_CHECK(merged.size() <= doc.cues.size());
  check_rewritten(merged);
  check_vtt_round_trip(doc, merged);

  for (const std::vector<vttkit::cue>* source : {&doc.cues, &merged}) {
    const std::vector<vttkit::cue> stitched = vttkit::stitch(*source, stitch_options);
    FUZZ_CHECK(by_speaker(spoken(stitched)) == by_speaker(words));
    check_rewritten(stitched);
    vttkit::millis last_start = 0;
    for (std::size_t i = 0; i < stitched.size(); ++i) {
      const vttkit::cue& c = stitched[i];
      FUZZ_CHECK(c.start >= 0 && c.end > c.start);
      FUZZ_CHECK(i == 0 || c.start >= last_start);
      last_start = c.start;
      const bool one_word = c.text.find(' ') == std::string::npos;
      if (stitch_options.max_chars > 0 && !one_word) FUZZ_CHECK(code_points(c.text) <= stitch_options.max_chars);
      if (stitch_options.max_duration > 0 && !one_word) FUZZ_CHECK(c.end - c.start <= stitch_options.max_duration);
    }
    check_vtt_round_trip(doc, stitched);
  }
  return 0;
}
