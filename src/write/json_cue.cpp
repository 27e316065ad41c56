// The cue object of the json and jsonl formats (write/json_cue.hpp).
#include "write/json_cue.hpp"

#include "text/json.hpp"
#include "write/time_text.hpp"

namespace vttkit::detail {

void append_json_cue(std::string& out, const cue& c) {
  out += "{\"id\": ";
  append_json_string(out, c.id);
  append_seconds_between(out, ", \"start\": ", c.start, "");
  append_seconds_between(out, ", \"end\": ", c.end, ", \"speaker\": ");
  if (c.speaker.empty()) out += "null";
  else append_json_string(out, c.speaker);
  out += ", \"text\": ";
  append_json_string(out, c.text);
  out += ", \"raw\": ";
  append_json_string(out, c.payload);
  out += ", \"settings\": {";
  for (std::size_t i = 0; i < c.settings.size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, c.settings[i].name);
    out += ": ";
    append_json_string(out, c.settings[i].value);
  }
  out += '}';
  if (!c.words.empty()) {  // only when the input has word timings (docs/formats.md)
    out += ", \"words\": [";
    for (std::size_t i = 0; i < c.words.size(); ++i) {
      out += i ? ", {\"text\": " : "{\"text\": ";
      append_json_string(out, c.words[i].text);
      append_seconds_between(out, ", \"start\": ", c.words[i].start, "");
      append_seconds_between(out, ", \"end\": ", c.words[i].end, "}");
    }
    out += ']';
  }
  out += '}';
}

}  // namespace vttkit::detail
