// Unified diff (see diff.hpp): Myers' O(ND) algorithm over lines, between the common first
// and last lines.
#include <vttkit/diff.hpp>

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace vttkit {
namespace {

struct line_ref {
  std::string_view text;  ///< without its LF
  bool newline = true;    ///< ends with LF
  friend bool operator==(const line_ref& a, const line_ref& b) { return a.text == b.text && a.newline == b.newline; }
};

std::vector<line_ref> split_lines(std::string_view s) {
  std::vector<line_ref> lines;
  while (!s.empty()) {
    const auto eol = s.find('\n');
    if (eol == std::string_view::npos) {
      lines.push_back({s, false});
      break;
    }
    lines.push_back({s.substr(0, eol), true});
    s.remove_prefix(eol + 1);
  }
  return lines;
}

/// One line of the edit script: ' ' kept, '-' removed, '+' added, with its index on its side.
struct edit {
  char op;
  std::size_t a;  ///< index in before (kept, removed)
  std::size_t b;  ///< index in after (kept, added)
};

/// Myers' greedy algorithm with the trace kept to walk back; false when more than `max_d` edits.
bool myers(const std::vector<line_ref>& a, const std::vector<line_ref>& b, std::size_t lo_a, std::size_t hi_a,
           std::size_t lo_b, std::size_t hi_b, std::size_t max_d, std::vector<edit>& out) {
  const auto n = static_cast<long>(hi_a - lo_a), m = static_cast<long>(hi_b - lo_b);
  const long max = std::min<long>(n + m, static_cast<long>(max_d));
  const long offset = max + 1;
  std::vector<long> v(static_cast<std::size_t>(2 * offset + 1), 0);
  std::vector<std::vector<long>> trace;
  auto at = [&](std::vector<long>& vec, long k) -> long& { return vec[static_cast<std::size_t>(k + offset)]; };
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && at(v, k - 1) < at(v, k + 1))) ? at(v, k + 1) : at(v, k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[lo_a + static_cast<std::size_t>(x)] == b[lo_b + static_cast<std::size_t>(y)]) ++x, ++y;
      at(v, k) = x;
      if (x < n || y < m) continue;
      // Walk back through the trace.
      std::vector<edit> rev;
      long cx = n, cy = m;
      for (long dd = d; dd > 0; --dd) {
        auto& pv = trace[static_cast<std::size_t>(dd)];
        const long ck = cx - cy;
        const bool down = ck == -dd || (ck != dd && at(pv, ck - 1) < at(pv, ck + 1));
        const long pk = down ? ck + 1 : ck - 1;
        const long px = at(pv, pk), py = px - pk;
        while (cx > px + (down ? 0 : 1) && cy > py + (down ? 1 : 0)) {
          --cx, --cy;
          rev.push_back({' ', lo_a + static_cast<std::size_t>(cx), lo_b + static_cast<std::size_t>(cy)});
        }
        if (down) rev.push_back({'+', lo_a + static_cast<std::size_t>(px), lo_b + static_cast<std::size_t>(py)});
        else rev.push_back({'-', lo_a + static_cast<std::size_t>(px), lo_b + static_cast<std::size_t>(py)});
        cx = px, cy = py;
      }
      while (cx > 0 && cy > 0) {
        --cx, --cy;
        rev.push_back({' ', lo_a + static_cast<std::size_t>(cx), lo_b + static_cast<std::size_t>(cy)});
      }
      out.insert(out.end(), rev.rbegin(), rev.rend());
      return true;
    }
  }
  return false;
}

void append_line(std::string& out, char op, const line_ref& l) {
  out += op;
  out += l.text;
  out += '\n';
  if (!l.newline) out += "\\ No newline at end of file\n";
}

/// Hunks of the script with `context` lines around each change.
void write_hunks(std::string& out, const std::vector<edit>& script, const std::vector<line_ref>& a,
                 const std::vector<line_ref>& b, std::size_t context) {
  std::size_t i = 0;
  while (i < script.size()) {
    while (i < script.size() && script[i].op == ' ') ++i;
    if (i == script.size()) break;
    std::size_t from = i >= context ? i - context : 0;
    std::size_t to = i;  // extend over changes separated by at most 2*context kept lines
    for (std::size_t kept = 0; to < script.size(); ++to) {
      kept = script[to].op == ' ' ? kept + 1 : 0;
      if (kept > 2 * context) break;
    }
    std::size_t end = to;
    while (end > i && script[end - 1].op == ' ') --end;
    end = std::min(script.size(), end + context);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t j = from; j < end; ++j) {
      if (script[j].op != '+') ++a_count;
      if (script[j].op != '-') ++b_count;
    }
    const auto a_start = a_count ? script[from].a + 1 : script[from].a;
    const auto b_start = b_count ? script[from].b + 1 : script[from].b;
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_start, a_count, b_start, b_count);
    for (std::size_t j = from; j < end; ++j)
      append_line(out, script[j].op, script[j].op == '+' ? b[script[j].b] : a[script[j].a]);
    i = end;
  }
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view from_name,
                         std::string_view to_name, std::size_t max_edits) {
  if (before == after) return {};
  const auto a = split_lines(before), b = split_lines(after);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  std::vector<edit> script;
  for (std::size_t i = 0; i < head; ++i) script.push_back({' ', i, i});
  if (!myers(a, b, head, a.size() - tail, head, b.size() - tail, max_edits, script)) {
    for (std::size_t i = head; i < a.size() - tail; ++i) script.push_back({'-', i, head});
    for (std::size_t i = head; i < b.size() - tail; ++i) script.push_back({'+', a.size() - tail, i});
  }
  for (std::size_t i = 0; i < tail; ++i) script.push_back({' ', a.size() - tail + i, b.size() - tail + i});
  std::string out = fmt::format("--- {}\n+++ {}\n", from_name, to_name);
  write_hunks(out, script, a, b, 3);
  return out;
}

}  // namespace vttkit
