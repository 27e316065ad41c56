// Canonical WebVTT (`vtt fmt`): an input rewritten as the `vtt` writer writes it, and whether
// that changes its bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <vttkit/fix.hpp>
#include <vttkit/parse.hpp>
#include <vttkit/write.hpp>

namespace vttkit {

/// Rewrites WebVTT in canonical form (`writer` with `output_format::vtt`) and compares the
/// output with the input byte for byte as both stream by, in bounded memory (only the part one
/// side is ahead by is kept).
///
///     vttkit::formatter f{source, {}};
///     if (!f.read_header()) { /* no signature: formatting would write an empty file */ }
///     if (!f.write(&sink)) { /* f.write_error() */ }   // f.write(nullptr): compare only
///     if (f.changed()) { /* not canonical */ }
class formatter {
 public:
  /// Reads `source` as WebVTT (`options.format` is ignored); diagnostics go to `options.on_diagnostic`.
  formatter(byte_source& source, parse_options options);
  formatter(const formatter&) = delete;
  formatter& operator=(const formatter&) = delete;
  ~formatter();

  /// Reads the header. False when the input has no signature (E001 reported) or could not be
  /// read (`read_error()`).
  bool read_header();
  /// Reads the rest of the input and writes its canonical form to `out` (nullptr: compare
  /// only). False when writing failed (`write_error()`); a read error ends the input early.
  bool write(byte_sink* out);
  /// After `write`: whether the canonical form differs from the input's bytes.
  [[nodiscard]] bool changed() const noexcept;
  /// Empty unless reading failed; then says why.
  [[nodiscard]] const std::string& read_error() const noexcept;
  /// Empty unless writing failed; then says why.
  [[nodiscard]] const std::string& write_error() const noexcept;
  /// The encoding the input was read in (reader::encoding): anything but UTF-8 changes the
  /// file, whose canonical form is UTF-8.
  [[nodiscard]] const input_encoding& encoding() const noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

/// Whether WebVTT `bytes` are already in canonical form: formatting would not change them.
[[nodiscard]] bool is_canonical(std::string_view bytes);

/// What `fix_webvtt` did.
struct fix_outcome {
  bool signature = false;   ///< false: no WEBVTT signature (E001), nothing written
  std::string read_error;   ///< non-empty when reading failed
  std::string write_error;  ///< non-empty when writing failed
  input_encoding encoding;  ///< the encoding the input was read in
  bool changed = false;     ///< the output differs from the input's bytes
};

/// `vtt fix`: reads WebVTT from `in` with parse_options::recover, repairs it with a `fixer`
/// and writes the canonical form to `out` (nullptr: compare only), streaming: memory holds the
/// fixer's sort window and, as `formatter`, what one side of the comparison is ahead by. The
/// repairs, those of the parser's diagnostics (`repair_of`) and the fixer's, go to `repairs`;
/// other diagnostics (E001) to `parse.on_diagnostic`. `parse.format` and `parse.rules` are
/// set here.
fix_outcome fix_webvtt(byte_source& in, byte_sink* out, parse_options parse, const fix_options& options,
                       const repair_sink& repairs);

}  // namespace vttkit
