// JSON strings (text/json.hpp): plain ASCII skipped by the scan kernel, escapes and UTF-8
// checks for the rest.
#include "text/json.hpp"

#include "text/scan.hpp"
#include "text/utf8.hpp"

namespace vttkit::detail {
namespace {

/// Appends the escape of the ASCII byte `c` (a control byte, '"' or '\\').
void append_escape(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default: {
      const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      out.append(u, sizeof u);
    }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  const char* const end = s.data() + s.size();
  const char* run = s.data();  // start of the bytes not yet appended
  for (const char* p = find_json_special(run, end); p != end; p = find_json_special(p, end)) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      std::size_t invalid = 0;
      if (const auto n = sequence_length(s, static_cast<std::size_t>(p - s.data()), invalid); n != 0) {
        p += n;  // valid UTF-8 stays in the run
        continue;
      }
    }
    out.append(run, static_cast<std::size_t>(p - run));
    if (c >= 0x80) out += "\\ufffd";  // each byte that is not UTF-8
    else append_escape(out, c);
    run = ++p;
  }
  out.append(run, static_cast<std::size_t>(end - run));
  out += '"';
}

}  // namespace vttkit::detail
