// Cue text repairs (see fix_payload.hpp). Tags split as the W3C tokenizer does (text/cue_tag);
// text between tags is kept byte for byte unless the validator rejects a character reference
// in it, and then written again from its decoded text, so that players show the same.
#include "transform/fix_payload.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <vttkit/cue_text.hpp>

#include "text/ascii.hpp"
#include "text/cue_tag.hpp"
#include "text/utf8.hpp"

namespace vttkit::detail {
namespace {

/// A character reference the validator accepts: `&name;` that decodes whole, `&#123;` or
/// `&#x123;` (it reads hexadecimal references with digits only).
bool clean_reference(std::string_view ref) {
  if (ref.empty()) return false;
  if (ref[0] == '#') {
    auto digits = ref.substr(ref.size() > 1 && ref[1] == 'x' ? 2 : 1);
    return !digits.empty() && std::all_of(digits.begin(), digits.end(), is_digit);
  }
  const auto whole = "&" + std::string(ref) + ";";
  cue_text_summary s;
  summarize_cue_text(whole, s);
  return s.plain != whole && !s.plain.ends_with(';');  // decoded, the ';' included
}

/// Whether every `&` of a text run starts a reference the validator accepts.
bool clean_text(std::string_view run) {
  for (auto amp = run.find('&'); amp != std::string_view::npos; amp = run.find('&', amp + 1)) {
    auto end = amp + 1;
    while (end < run.size() && (is_alnum(run[end]) || run[end] == '#')) ++end;
    if (end == run.size() || run[end] != ';' || !clean_reference(run.substr(amp + 1, end - amp - 1))) return false;
  }
  return true;
}

/// Text as the decoded characters, escaped again (`&nbsp;` for U+00A0, invisible otherwise).
void append_rewritten(std::string& out, std::string_view run) {
  cue_text_summary s;
  summarize_cue_text(run, s);
  std::string escaped;
  append_escaped_cue_text(escaped, s.plain);
  for (std::size_t at = escaped.find("\xC2\xA0"); at != std::string::npos; at = escaped.find("\xC2\xA0", at))
    escaped.replace(at, 2, "&nbsp;");
  out += escaped;
}

bool known_tag(std::string_view name) {
  return name == "c" || name == "i" || name == "b" || name == "u" || name == "ruby" || name == "rt" || name == "v" ||
         name == "lang";
}

/// A `<` that starts no tag its author meant: nothing or white space after it, or no `>`.
bool bare_less_than(std::string_view content, bool closed) {
  return !closed || content.empty() || is_tag_space(content[0]) || content[0] == '=' || content[0] == '<' ||
         content[0] == '-';
}

class payload_fixer {
 public:
  payload_fixer(std::string_view payload, const payload_fix& how, std::string& out, const payload_report& report)
      : in_(payload), how_(how), out_(out), report_(report) {}

  void run() {
    std::size_t pos = 0;
    while (pos < in_.size()) {
      if (in_[pos] != '<') {
        auto next = in_.find('<', pos);
        if (next == std::string_view::npos) next = in_.size();
        text(pos, in_.substr(pos, next - pos));
        pos = next;
        continue;
      }
      const auto close = in_.find('>', pos + 1);
      const auto end = close == std::string_view::npos ? in_.size() : close;
      const auto content = in_.substr(pos + 1, end - pos - 1);
      const auto raw = in_.substr(pos, (close == std::string_view::npos ? end : end + 1) - pos);
      if (bare_less_than(content, close != std::string_view::npos)) {
        say(rule::bad_tag, pos, "'<' that starts no tag: escaped as '&lt;' (players hide the text after it)", false);
        if (how_.unsafe) {
          out_ += "&lt;";
          ++pos;
          continue;
        }
        out_ += raw;
        unclosed_ = close == std::string_view::npos;  // it takes in anything written after it
      } else {
        tag(pos, content, raw);
      }
      pos += raw.size();
    }
    close_at_end();
  }

 private:
  void say(rule r, std::size_t at, std::string message, bool safe) {
    const auto before = in_.substr(0, at);
    const auto line_start = before.rfind('\n');
    const auto line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const auto column = count_code_points(line_start == std::string_view::npos ? before
                                                                               : before.substr(line_start + 1));
    report_(r, line, column + 1, std::move(message), safe);
  }

  void text(std::size_t at, std::string_view run) {
    if (clean_text(run)) {
      out_ += run;
      return;
    }
    say(rule::bad_entity, at + run.find('&'),
        "character reference the validator rejects written again as players read it ('&' alone as '&amp;')", true);
    append_rewritten(out_, run);
  }

  void tag(std::size_t at, std::string_view content, std::string_view raw) {
    const auto t = split_tag(content);
    if (t.type == tag_type::timestamp) return timestamp(at, t.name, raw);
    if (t.type == tag_type::end) return end_tag(at, t.name, raw);
    const auto name = t.name;
    if (!known_tag(name) || (name == "rt" && (open_.empty() || open_.back() != "ruby"))) {
      say(rule::bad_tag, at, fmt::format("tag <{}> that players ignore removed (its text is kept)", name), true);
      dropped_.emplace_back(name);
      return;
    }
    const bool annotated = !trim(t.annotation).empty();
    if (name == "v" && !annotated) {
      say(rule::bad_tag, at, "<v> without a name removed (its text is kept)", true);
      dropped_.emplace_back(name);
      return;
    }
    if (name == "v" && std::find(open_.begin(), open_.end(), "v") != open_.end()) {
      say(rule::bad_tag, at, "<v> inside <v>: the outer voice span is closed first", true);
      while (!open_.empty()) {
        const bool voice = open_.back() == "v";
        close_top();
        if (voice) break;
      }
    }
    open_.emplace_back(name);
    if (annotated && name != "v" && name != "lang") {
      say(rule::bad_tag, at, fmt::format("annotation of <{}> removed (only <v> and <lang> have one)", name), true);
      out_ += '<';
      out_ += name;
      if (!t.classes.empty()) {
        out_ += '.';
        out_ += t.classes;
      }
      out_ += '>';
      return;
    }
    out_ += raw;
  }

  void end_tag(std::size_t at, std::string_view name, std::string_view raw) {
    if (!open_.empty() && open_.back() == name) {
      open_.pop_back();
      out_ += raw;
      return;
    }
    if (name == "ruby" && open_.size() >= 2 && open_.back() == "rt" && open_[open_.size() - 2] == "ruby") {
      open_.resize(open_.size() - 2);
      out_ += raw;
      return;
    }
    if (const auto it = std::find(dropped_.begin(), dropped_.end(), name); it != dropped_.end()) {
      dropped_.erase(it);  // the end of a start tag removed: part of that repair
      return;
    }
    say(rule::bad_tag, at, fmt::format("end tag </{}> that closes nothing removed", name), true);
  }

  void timestamp(std::size_t at, std::string_view value, std::string_view raw) {
    const auto ts = collect_timestamp(value);
    if (!ts.ok || ts.length != value.size()) {
      say(rule::bad_tag, at, fmt::format("timestamp tag <{}> that players ignore removed", value), true);
      return;
    }
    if (ts.value > how_.start && ts.value < how_.end && ts.value > last_time_) {
      last_time_ = ts.value;
      out_ += raw;
      return;
    }
    say(rule::bad_tag, at,
        fmt::format("timestamp <{}> {} removed", value,
                    ts.value > last_time_ ? "outside the cue's times" : "not after the timestamp before it"),
        false);
    if (how_.unsafe) return;
    out_ += raw;
  }

  void close_top() {
    out_ += "</";
    out_ += open_.back();
    out_ += '>';
    open_.pop_back();
  }

  void close_at_end() {
    if (unclosed_) return;  // an end tag written now would be part of that tag
    std::size_t lowest = open_.size();
    for (std::size_t i = open_.size(); i-- > 0;)
      if (open_[i] != "v" || how_.close_voice) lowest = i;
    if (lowest == open_.size()) return;
    std::string names;
    for (std::size_t i = lowest; i < open_.size(); ++i) names += fmt::format("</{}>", open_[i]);
    say(rule::bad_tag, in_.size(), fmt::format("tags left open closed at the end of the cue text ({})", names), true);
    while (open_.size() > lowest) close_top();
  }

  std::string_view in_;
  const payload_fix& how_;
  std::string& out_;
  const payload_report& report_;
  std::vector<std::string> open_;
  std::vector<std::string> dropped_;
  millis last_time_ = -1;
  bool unclosed_ = false;  ///< the text ends inside a tag kept as it is
};

}  // namespace

bool fix_payload(std::string_view payload, const payload_fix& how, std::string& out, const payload_report& report) {
  out.clear();
  payload_fixer{payload, how, out, report}.run();
  return out != payload;
}

}  // namespace vttkit::detail
