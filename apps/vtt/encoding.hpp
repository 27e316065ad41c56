// --encoding: the input's text encoding, and what the program says about a guessed one.
#pragma once

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <vttkit/source.hpp>

namespace vtt {

/// Adds `--encoding NAME` bound to `encoding`: a name iconv knows or UTF-8, else a usage error.
CLI::Option* add_encoding_flag(CLI::App& cmd, std::string& encoding);

/// The warning for an input read as Windows-1252 because it is not UTF-8, or empty when its
/// encoding was not guessed: `vtt: warning: FILE:LINE: not UTF-8: read as windows-1252 ...`.
[[nodiscard]] std::string guess_warning(std::string_view file, const vttkit::input_encoding& encoding);

/// How an input not in UTF-8 was read, for a command that rewrites it in UTF-8 (`vtt fmt`):
/// `read as UTF-16LE (byte order mark), written in UTF-8`; empty for UTF-8.
[[nodiscard]] std::string conversion_note(const vttkit::input_encoding& encoding);

}  // namespace vtt
