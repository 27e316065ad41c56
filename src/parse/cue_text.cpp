// Cue text: the W3C "WebVTT cue text parsing rules" (tokenizer, tree, HTML character references).
#include <vttkit/cue_text.hpp>

#include <fmt/format.h>

#include "text/ascii.hpp"
#include "text/cue_tag.hpp"
#include "text/message_text.hpp"
#include "text/scan.hpp"
#include "text/short_compare.hpp"
#include "text/utf8.hpp"
#include "parse/simple_voice.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <utility>

namespace vttkit {
namespace {

// ----------------------------------------------------------------------------------------------
// HTML named character references
// ----------------------------------------------------------------------------------------------

struct named_reference {
  std::string_view name;   ///< without the '&'; ends with ';' except for the legacy names
  std::string_view value;  ///< UTF-8
};

constexpr named_reference named_references[] = {
#include "parse/entities.inc"
};

constexpr bool by_name(const named_reference& a, const named_reference& b) noexcept { return a.name < b.name; }
static_assert(std::is_sorted(std::begin(named_references), std::end(named_references), by_name),
              "entities.inc must be sorted by name: lookups binary-search it");

constexpr std::size_t longest_name() noexcept {
  std::size_t n = 0;
  for (const auto& r : named_references) n = std::max(n, r.name.size());
  return n;
}
constexpr std::size_t max_name_length = longest_name();

const named_reference* find_named_reference(std::string_view name) noexcept {
  const auto* it = std::lower_bound(std::begin(named_references), std::end(named_references), name,
                                    [](const named_reference& r, std::string_view n) { return r.name < n; });
  return it != std::end(named_references) && it->name == name ? it : nullptr;
}

// ----------------------------------------------------------------------------------------------
// Small character helpers
// ----------------------------------------------------------------------------------------------

using detail::find_cue_special;
using detail::is_alnum;
using detail::is_ascii_whitespace;
using detail::is_digit;
using detail::replacement_character;

int digit_value(char c, bool hex) noexcept {
  if (is_digit(c)) return c - '0';
  if (!hex) return -1;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// HTML's numeric character reference fix-ups: C1 controls 0x80-0x9F are read as windows-1252
/// (0 marks the five bytes windows-1252 leaves undefined, which HTML passes through unchanged).
constexpr std::array<std::uint16_t, 32> windows_1252_c1 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::uint32_t fix_numeric_reference(std::uint32_t cp) noexcept {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0xFFFD;
  if (cp >= 0x80 && cp <= 0x9F && windows_1252_c1[cp - 0x80] != 0) return windows_1252_c1[cp - 0x80];
  return cp;
}

// ----------------------------------------------------------------------------------------------
// "Consume a character reference" (HTML, not in an attribute)
// ----------------------------------------------------------------------------------------------

struct char_ref {
  std::size_t length = 0;          ///< bytes consumed after the '&'; 0 means "nothing returned"
  bool named = false;              ///< a named (not numeric) reference
  bool missing_semicolon = false;  ///< matched without a terminating ';'
  std::uint8_t size = 0;           ///< bytes of `bytes` in use
  char bytes[8] = {};              ///< the decoded characters, UTF-8 (at most two code points)

  [[nodiscard]] std::string_view value() const noexcept { return {bytes, size}; }
};

/// Consumes a character reference starting at `p` (just after the '&'). Characters that cannot
/// start one (white space, '<', '&', '>', EOF...) fall out naturally as "nothing returned".
char_ref consume_char_ref(std::string_view s, std::size_t p) noexcept {
  char_ref ref;
  const std::size_t n = s.size();
  if (p >= n) return ref;
  if (s[p] == '#') {
    std::size_t q = p + 1;
    const bool hex = q < n && (s[q] == 'x' || s[q] == 'X');
    if (hex) ++q;
    const std::size_t digits = q;
    std::uint32_t cp = 0;
    for (int d = 0; q < n && (d = digit_value(s[q], hex)) >= 0; ++q) {
      // Saturate: everything past U+10FFFF becomes U+FFFD however long the digit run is.
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16U : 10U) + static_cast<std::uint32_t>(d);
    }
    if (q == digits) return ref;  // "&#" / "&#x" without digits: unconsume, nothing returned
    if (q < n && s[q] == ';') ++q;
    else ref.missing_semicolon = true;
    ref.size = static_cast<std::uint8_t>(detail::encode(fix_numeric_reference(cp), ref.bytes));
    ref.length = q - p;
    return ref;
  }
  // Every name is [A-Za-z0-9]+ with an optional final ';', so the longest match is a prefix of
  // this candidate. Try it whole (the usual "&amp;" case hits at once), then shorter prefixes.
  std::size_t q = p;
  while (q < n && q - p < max_name_length && is_alnum(s[q])) ++q;
  if (q < n && q - p < max_name_length && s[q] == ';') ++q;
  for (std::size_t len = q - p; len > 0; --len) {
    if (const auto* r = find_named_reference(s.substr(p, len))) {
      ref.named = true;
      ref.missing_semicolon = r->name.back() != ';';
      ref.size = static_cast<std::uint8_t>(r->value.size());
      std::memcpy(ref.bytes, r->value.data(), r->value.size());
      ref.length = len;
      return ref;
    }
  }
  return ref;
}

// ----------------------------------------------------------------------------------------------
// Text runs
// ----------------------------------------------------------------------------------------------

/// Decodes `s` from `pos` as the data state does (StopAtTag: up to the next '<') or as the
/// annotation state does (to the end of `s`): references decoded, NUL replaced. Calls
/// `on_ref(offset of '&', result)` for every '&'. Returns where it stopped.
template <bool StopAtTag, class OnRef>
std::size_t decode_text(std::string_view s, std::size_t pos, std::string& out, OnRef&& on_ref) {
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  const char* p = begin + pos;
  while (p < end) {
    const char* q = find_cue_special(p, end);
    out.append(p, static_cast<std::size_t>(q - p));
    if (q == end) break;
    if (*q == '<') {
      if constexpr (StopAtTag) return static_cast<std::size_t>(q - begin);
      out.push_back('<');
      p = q + 1;
    } else if (*q == '\0') {
      out.append(replacement_character);
      p = q + 1;
    } else {
      const auto amp = static_cast<std::size_t>(q - begin);
      const char_ref ref = consume_char_ref(s, amp + 1);
      on_ref(amp, ref);
      if (ref.length == 0) out.push_back('&');
      else out.append(ref.value());
      p = q + 1 + ref.length;
    }
  }
  return s.size();
}

/// The annotation state's last step on out[from..]: strip ASCII whitespace at both ends and
/// collapse inner runs to one space. Done in place so no scratch string is needed.
void normalize_annotation(std::string& out, std::size_t from) {
  // Most annotations ("Speaker 1") are already clean: single inner spaces, nothing else.
  const std::size_t n = out.size();
  bool clean = n == from || (out[from] != ' ' && out[n - 1] != ' ');
  for (std::size_t i = from; clean && i < n; ++i) {
    const char c = out[i];
    if (c == ' ') clean = out[i + 1] != ' ';  // i + 1 < n: the last byte is not a space
    else clean = !is_ascii_whitespace(c);
  }
  if (clean) return;
  std::size_t w = from;
  bool pending_space = false;
  for (std::size_t r = from; r < out.size(); ++r) {
    const char c = out[r];
    if (is_ascii_whitespace(c)) {
      pending_space = w > from;
      continue;
    }
    if (pending_space) out[w++] = ' ';
    pending_space = false;
    out[w++] = c;
  }
  out.resize(w);
}

/// Appends `s` with NUL replaced by U+FFFD (for class names, which are not reference-decoded).
void append_nul_replaced(std::string& out, std::string_view s) {
  for (std::size_t i = s.find('\0'); i != std::string_view::npos; i = s.find('\0')) {
    out.append(s.substr(0, i));
    out.append(replacement_character);
    s.remove_prefix(i + 1);
  }
  out.append(s);
}

// ----------------------------------------------------------------------------------------------
// Tags
// ----------------------------------------------------------------------------------------------

using detail::split_tag;
using detail::tag_token;
using detail::tag_type;

/// Reads the tag whose '<' is at `lt`; sets `next` to the position after it.
tag_token read_tag(std::string_view s, std::size_t lt, std::size_t& next) noexcept {
  const std::size_t from = lt + 1;
  const void* gt = from < s.size() ? std::memchr(s.data() + from, '>', s.size() - from) : nullptr;
  const std::size_t to = gt ? static_cast<std::size_t>(static_cast<const char*>(gt) - s.data()) : s.size();
  next = gt ? to + 1 : s.size();
  return split_tag(s.substr(from, to - from));
}

/// The element names the tree construction knows.
enum class element : std::uint8_t { c, i, b, u, ruby, rt, v, lang, unknown };

element element_named(std::string_view name) noexcept {
  if (name.size() == 1) {
    switch (name[0]) {
      case 'c': return element::c;
      case 'i': return element::i;
      case 'b': return element::b;
      case 'u': return element::u;
      case 'v': return element::v;
      default: return element::unknown;
    }
  }
  if (name == "rt") return element::rt;
  if (name == "ruby") return element::ruby;
  if (name == "lang") return element::lang;
  return element::unknown;
}

node_kind kind_of(element e) noexcept {
  switch (e) {
    case element::c: return node_kind::class_span;
    case element::i: return node_kind::italic;
    case element::b: return node_kind::bold;
    case element::u: return node_kind::underline;
    case element::ruby: return node_kind::ruby;
    case element::rt: return node_kind::ruby_text;
    case element::v: return node_kind::voice;
    case element::lang: return node_kind::language;
    case element::unknown: break;
  }
  return node_kind::text;  // not reached: callers never ask for unknown elements
}

std::string_view element_name(element e) noexcept {
  constexpr std::array<std::string_view, 9> names = {"c", "i", "b", "u", "ruby", "rt", "v", "lang", "?"};
  return names[static_cast<std::size_t>(e)];
}

bool is_timestamp(std::string_view value) noexcept {
  const timestamp_parse ts = collect_timestamp(value);
  return ts.ok && ts.length == value.size();
}

// ----------------------------------------------------------------------------------------------
// Diagnostics for summarize_cue_text
// ----------------------------------------------------------------------------------------------

using detail::message_snippet;

/// Follows the tree construction's open elements (without building the tree) to find ignored
/// and unclosed tags, and turns byte offsets into line/column only when something is reported.
class cue_text_checker {
 public:
  cue_text_checker(std::string_view payload, std::size_t first_line, const diagnostic_sink& sink)
      : payload_(payload), first_line_(first_line), sink_(sink), line_(first_line) {
    // Borrow the thread's reusable stack (swapped, so that a sink that itself summarizes cue
    // text gets a stack of its own instead of corrupting ours).
    open_.swap(spare_stack());
    open_.clear();
  }
  ~cue_text_checker() {
    open_.clear();
    constexpr std::size_t keep = 1 << 16;  // do not hold on to the memory of freak nesting
    if (open_.capacity() <= keep) open_.swap(spare_stack());
  }
  cue_text_checker(const cue_text_checker&) = delete;
  cue_text_checker& operator=(const cue_text_checker&) = delete;

  /// A '&' at `amp` and what consuming a reference there gave.
  void on_reference(std::size_t amp, const char_ref& ref) {
    if (ref.length != 0 && !(ref.named && ref.missing_semicolon)) return;
    if (ref.length == 0) {
      std::size_t end = amp + 1;
      while (end < payload_.size() && end - amp <= max_name_length && is_alnum(payload_[end])) ++end;
      if (end < payload_.size() && payload_[end] == ';') ++end;
      if (end == amp + 1) {
        report(rule::bad_entity, amp, "bare '&': write '&amp;'");
      } else {
        report(rule::bad_entity, amp,
               fmt::format("'{}' is not a character reference: write '&amp;' for '&'",
                           message_snippet(payload_.substr(amp, end - amp))));
      }
    } else {
      report(rule::bad_entity, amp,
             fmt::format("character reference '{}' has no ';'", message_snippet(payload_.substr(amp, ref.length + 1))));
    }
  }

  /// The tag whose '<' is at `lt`.
  void on_tag(const tag_token& tag, std::size_t lt) {
    if (tag.type == tag_type::timestamp) {
      if (!is_timestamp(tag.name)) {
        report(rule::bad_tag, lt, fmt::format("<{}> is not a valid timestamp tag", message_snippet(tag.name)));
      }
      return;
    }
    const element e = element_named(tag.name);
    if (tag.type == tag_type::end) {
      if (e == element::unknown) {
        report(rule::bad_tag, lt, fmt::format("unknown end tag </{}>", message_snippet(tag.name)));
      } else if (!open_.empty() && open_.back().kind == e) {
        open_.pop_back();
      } else if (e == element::ruby && !open_.empty() && open_.back().kind == element::rt) {
        open_.pop_back();  // </ruby> closes the <rt> and the <ruby> it is always inside
        open_.pop_back();
      } else {
        report(rule::bad_tag, lt,
               fmt::format("</{}> does not close the current element: ignored", message_snippet(tag.name)));
      }
      return;
    }
    if (tag.name.empty()) {
      report(rule::bad_tag, lt, "tag without a name: ignored");
    } else if (e == element::unknown) {
      report(rule::bad_tag, lt, fmt::format("unknown tag <{}>: ignored", message_snippet(tag.name)));
    } else if (e == element::rt && (open_.empty() || open_.back().kind != element::ruby)) {
      report(rule::bad_tag, lt, "<rt> outside <ruby>: ignored");
    } else {
      open_.push_back({lt, e});
    }
  }

  /// End of the payload: elements still open (a `<v>` may legitimately stay open).
  void finish() {
    for (const open_element& open : open_) {
      if (open.kind != element::v) {
        report(rule::bad_tag, open.offset, fmt::format("<{}> is not closed", element_name(open.kind)));
      }
    }
  }

 private:
  struct open_element {
    std::size_t offset;  ///< of the start tag's '<'
    element kind;
  };

  static std::vector<open_element>& spare_stack() {
    thread_local std::vector<open_element> stack;
    return stack;
  }

  /// Moves the position cursor to `offset`. Reports come in increasing order except the
  /// unclosed elements at the end, so this stays linear overall.
  void seek(std::size_t offset) noexcept {
    if (offset < offset_) {
      offset_ = 0;
      line_ = first_line_;
      column_ = 1;
    }
    for (; offset_ < offset; ++offset_) {
      const auto byte = static_cast<unsigned char>(payload_[offset_]);
      if (byte == '\n') {
        ++line_;
        column_ = 1;
      } else if (!detail::is_continuation_byte(static_cast<char>(byte))) {
        ++column_;  // count code points: skip UTF-8 continuation bytes
      }
    }
  }

  void report(rule r, std::size_t offset, std::string message) {
    seek(offset);
    sink_(diagnostic{r, line_, column_, std::move(message)});
  }

  std::string_view payload_;
  std::size_t first_line_;
  const diagnostic_sink& sink_;
  std::vector<open_element> open_;
  std::size_t offset_ = 0;  ///< position cursor: byte offset, and its line and column
  std::size_t line_;
  std::size_t column_ = 1;
};

template <bool Diagnose>
void summarize(std::string_view s, cue_text_summary& out, cue_text_checker* checker) {
  auto on_text_ref = [&](std::size_t amp, const char_ref& ref) {
    if constexpr (Diagnose) checker->on_reference(amp, ref);
  };
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (s[pos] != '<') {
      pos = decode_text<true>(s, pos, out.plain, on_text_ref);
      continue;
    }
    std::size_t next = 0;
    const tag_token tag = read_tag(s, pos, next);
    if constexpr (Diagnose) checker->on_tag(tag, pos);
    const bool first_voice = !out.has_voice && tag.type == tag_type::start && tag.name == "v";
    if (first_voice || (Diagnose && !tag.annotation.empty())) {
      // (An absent annotation is a null view: no offset to take, and no reference to report.)
      const std::size_t base = tag.annotation.data() == nullptr
                                   ? 0
                                   : static_cast<std::size_t>(tag.annotation.data() - s.data());
      auto on_annotation_ref = [&](std::size_t amp, const char_ref& ref) {
        if constexpr (Diagnose) checker->on_reference(base + amp, ref);
      };
      if (first_voice) {
        out.has_voice = true;
        out.voice_offset = pos;
        decode_text<false>(tag.annotation, 0, out.speaker, on_annotation_ref);
        normalize_annotation(out.speaker, 0);
      } else {
        // Only the references matter here: check them without decoding anything.
        for (std::size_t amp = tag.annotation.find('&'); amp != std::string_view::npos;
             amp = tag.annotation.find('&', amp + 1)) {
          on_annotation_ref(amp, consume_char_ref(tag.annotation, amp + 1));
        }
      }
    }
    pos = next;
  }
}

}  // namespace

// ----------------------------------------------------------------------------------------------
// Public functions
// ----------------------------------------------------------------------------------------------

cue_text_tree parse_cue_text(std::string_view s) {
  cue_text_tree tree;
  auto& nodes = tree.nodes;
  constexpr std::size_t none = cue_node::npos;
  std::size_t current = none;           // the "current" internal node; none is the result list
  std::vector<std::size_t> lang_stack;  // the language stack, as the open <lang> nodes' indices
  auto ignore_ref = [](std::size_t, const char_ref&) {};

  // Appends a node to `current`. The tree is flat and every node is appended after all nodes
  // created before it, so creation order is document (pre-)order and no recursion is needed.
  auto append_node = [&](node_kind kind) -> std::size_t {
    cue_node node;
    node.kind = kind;
    node.parent = current;
    node.depth = current == none ? 0 : nodes[current].depth + 1;
    nodes.push_back(std::move(node));
    return nodes.size() - 1;
  };
  auto current_kind = [&]() { return current == none ? node_kind::text : nodes[current].kind; };

  std::size_t pos = 0;
  while (pos < s.size()) {
    if (s[pos] != '<') {
      const std::size_t text = append_node(node_kind::text);
      pos = decode_text<true>(s, pos, nodes[text].value, ignore_ref);
      continue;
    }
    std::size_t next = 0;
    const tag_token tag = read_tag(s, pos, next);
    pos = next;
    if (tag.type == tag_type::timestamp) {
      const timestamp_parse ts = collect_timestamp(tag.name);
      if (ts.ok && ts.length == tag.name.size()) nodes[append_node(node_kind::timestamp)].time = ts.value;
      continue;
    }
    const element e = element_named(tag.name);
    if (e == element::unknown) continue;  // unknown start or end tag: ignored
    if (tag.type == tag_type::end) {
      if (current_kind() == kind_of(e)) {
        if (e == element::lang) lang_stack.pop_back();
        current = nodes[current].parent;
      } else if (e == element::ruby && current_kind() == node_kind::ruby_text) {
        current = nodes[nodes[current].parent].parent;
      }
      continue;
    }
    if (e == element::rt && current_kind() != node_kind::ruby) continue;
    std::string annotation;
    if (e == element::v || e == element::lang) {
      decode_text<false>(tag.annotation, 0, annotation, ignore_ref);
      normalize_annotation(annotation, 0);
    }
    const std::size_t index = append_node(kind_of(e));
    cue_node& node = nodes[index];
    std::string_view classes = tag.classes;
    while (!classes.empty()) {
      const std::size_t dot = classes.find('.');
      const std::string_view name = classes.substr(0, dot);
      if (!name.empty()) append_nul_replaced(node.classes.emplace_back(), name);  // "" is dropped
      classes.remove_prefix(dot == std::string_view::npos ? classes.size() : dot + 1);
    }
    if (e == element::lang) {
      // The annotation is pushed on the language stack first, so it is the node's own language.
      node.language = annotation;
      lang_stack.push_back(index);
    } else if (!lang_stack.empty()) {
      node.language = nodes[lang_stack.back()].language;
    }
    if (e == element::v || e == element::lang) node.value = std::move(annotation);
    current = index;
  }
  return tree;
}

namespace {

bool summarize_simple_voice(std::string_view payload, cue_text_summary& out) {
  if (!detail::summarize_simple_voice_into(payload, out.plain, out.speaker)) return false;
  out.has_voice = true;
  out.voice_offset = 0;
  return true;
}

}  // namespace

bool detail::summarize_simple_voice_into(std::string_view payload, std::string& plain, std::string& speaker) {
  std::string_view name, text;
  if (!detail::split_simple_voice(payload, name, text)) return false;
  if (!same_bytes(speaker, name)) speaker.assign(name);  // mostly the same speaker again
  plain.assign(text);
  return true;
}

void summarize_cue_text(std::string_view payload, cue_text_summary& out, std::size_t first_line,
                        const diagnostic_sink* sink) {
  out.plain.clear();
  out.has_voice = false;
  // `<v NAME>text` has nothing to report either: one known tag, left open as <v> may be, and
  // no '&' anywhere.
  if (summarize_simple_voice(payload, out)) return;
  out.speaker.clear();
  if (sink == nullptr || !*sink) {
    summarize<false>(payload, out, nullptr);
    return;
  }
  cue_text_checker checker(payload, first_line, *sink);
  summarize<true>(payload, out, &checker);
  checker.finish();
}

void append_escaped_cue_text(std::string& out, std::string_view plain) {
  // Runs with nothing to escape are found 16 bytes a step (find_first_of with a set of three
  // would call memchr once per character) and appended at once.
  const char* p = plain.data();
  const char* const end = p + plain.size();
  for (;;) {
    const char* q = detail::find_escaped(p, end);
    out.append(p, static_cast<std::size_t>(q - p));
    if (q == end) return;
    out.append(*q == '&' ? "&amp;" : *q == '<' ? "&lt;" : "&gt;");
    p = q + 1;
  }
}

}  // namespace vttkit
