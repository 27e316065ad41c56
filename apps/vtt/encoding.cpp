// --encoding (see encoding.hpp).
#include "encoding.hpp"

#include <fmt/format.h>
#include <vttkit/report.hpp>

namespace vtt {

CLI::Option* add_encoding_flag(CLI::App& cmd, std::string& encoding) {
  CLI::callback_t assign = [&encoding](const CLI::results_t& given) {
    const std::string& name = given.back();
    if (!vttkit::known_encoding(name))
      throw CLI::ValidationError(
          fmt::format("--encoding: unknown encoding '{}' (the names of 'iconv -l', e.g. windows-1252, latin1)", name));
    encoding = name;
    return true;
  };
  auto* option = cmd.add_option("--encoding", std::move(assign),
                                "Read the input in this encoding (iconv names: latin1, windows-1252, utf-16le ...); "
                                "utf-8: no Windows-1252 guess. A byte order mark wins (default: UTF-8, or "
                                "Windows-1252 when the first byte outside ASCII is not UTF-8)");
  option->type_name("NAME")->expected(1);
  return option;
}

std::string guess_warning(std::string_view file, const vttkit::input_encoding& encoding) {
  if (encoding.why != vttkit::input_encoding::reason::guessed) return {};
  return fmt::format(
      "vtt: warning: {}:{}: not UTF-8: read as {} (--encoding NAME reads another encoding, --encoding utf-8 "
      "reads it as UTF-8)",
      vttkit::display_name(file), encoding.line, encoding.name);
}

std::string conversion_note(const vttkit::input_encoding& encoding) {
  using reason = vttkit::input_encoding::reason;
  if (encoding.why == reason::utf8 || (encoding.why != reason::guessed && encoding.name == "UTF-8")) return {};
  const auto why = encoding.why == reason::guessed ? fmt::format("guessed: not UTF-8 at line {}", encoding.line)
                   : encoding.why == reason::byte_order_mark ? std::string("byte order mark")
                                                             : std::string("--encoding");
  return fmt::format("read as {} ({}), written in UTF-8", encoding.name, why);
}

}  // namespace vtt
