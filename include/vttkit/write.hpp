// Writers: a document or a stream of cues as WebVTT, SubRip, JSON, JSON Lines, Markdown,
// plain text or the Podcasting 2.0 JSON transcript.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <vttkit/document.hpp>
#include <vttkit/sink.hpp>
#include <vttkit/transform.hpp>

namespace vttkit {

namespace detail {
class format_writer;
}
struct write_options;

/// Output formats (docs/formats.md).
enum class output_format { vtt, srt, json, jsonl, md, txt, podcast_json, html };

/// Which cues carry a `Name: ` prefix in srt and txt output.
enum class speaker_labels {
  none,    ///< never
  change,  ///< the first cue of each speaker turn
  every,   ///< every cue that has a speaker
};

/// An output format's entry in the format table: the one list from which names, file
/// extensions and the program's `--to` choices are derived.
struct output_format_info {
  output_format format;
  std::string_view name;       ///< as `--to` takes it: "vtt", "podcast-json"
  std::string_view extension;  ///< the usual file extension, without the dot
  std::string_view summary;    ///< one line for help texts
  bool has_labels;             ///< writes `Name: ` labels as write_options::labels says
  /// Makes the format's writer: internal to the library (a class per format in src/write/).
  std::unique_ptr<detail::format_writer> (*make)(const write_options& options);
};
/// Every output format, in the order help texts list them.
[[nodiscard]] std::span<const output_format_info> output_formats() noexcept;

/// A `--speaker-labels` choice.
struct speaker_labels_info {
  speaker_labels labels;
  std::string_view name;  ///< "none", "change", "every"
  std::string_view summary;
};
/// Every speaker-label choice.
[[nodiscard]] std::span<const speaker_labels_info> speaker_labels_choices() noexcept;

/// "vtt", "srt", "json", "jsonl", "md", "txt" or "podcast-json" to a format.
[[nodiscard]] std::optional<output_format> parse_output_format(std::string_view name) noexcept;
/// The format's name as `parse_output_format` takes it.
[[nodiscard]] std::string_view to_string(output_format f) noexcept;
/// The usual file extension, without the dot ("vtt", "srt", "json", "jsonl", "md", "txt").
[[nodiscard]] std::string_view file_extension(output_format f) noexcept;
/// Whether the format writes `Name: ` labels, as `write_options::labels` says (srt, txt).
[[nodiscard]] bool writes_speaker_labels(output_format f) noexcept;

/// How to write.
struct write_options {
  output_format format = output_format::vtt;
  speaker_labels labels = speaker_labels::change;
  paragraph_options paragraphs{};  ///< md and txt: where paragraphs end (`paragraph_breaker`)
  bool drop_sounds = false;        ///< md and txt: `--drop-sounds` (`drop_sound_tags`)
  std::string audio = {};          ///< html: the address of the recording, for a player and times that seek it
};

/// Streaming writer: call `begin` once, then `write` for each block and cue in order, then
/// `finish`. Output is buffered and handed to the sink in large pieces.
class writer {
 public:
  writer(byte_sink& sink, write_options options);
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;
  ~writer();

  void begin(const header& h);
  void write(const cue& c);
  void write(const block& b);
  /// Writes what the format needs at the end and flushes. False when the sink failed.
  bool finish();
  /// False once the sink has failed (later output is dropped).
  [[nodiscard]] bool ok() const noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

/// Writes a whole document to a string.
[[nodiscard]] std::string write_document(const document& doc, write_options options = {});

}  // namespace vttkit
