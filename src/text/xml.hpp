// XML and HTML text: the five characters with a meaning in markup replaced by references.
#pragma once

#include <string>
#include <string_view>

namespace vttkit::detail {

/// Appends `s` with `&` `<` `>` `"` `'` as character references: safe in element text and in
/// attribute values of XML (SVG) and HTML alike.
inline void append_xml_escaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

}  // namespace vttkit::detail
