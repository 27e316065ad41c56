// The format table (vttkit::output_formats): names, file extensions, help summaries and the
// factory of each format's writer. A new format is a file write/<name>_writer.cpp defining
// make_<name>_writer, its declaration and its row here, an enumerator in write.hpp, the docs
// and golden files.
#include <array>

#include "write/format_writer.hpp"

namespace vttkit {
namespace detail {
std::unique_ptr<format_writer> make_vtt_writer(const write_options& options);
std::unique_ptr<format_writer> make_srt_writer(const write_options& options);
std::unique_ptr<format_writer> make_json_writer(const write_options& options);
std::unique_ptr<format_writer> make_jsonl_writer(const write_options& options);
std::unique_ptr<format_writer> make_md_writer(const write_options& options);
std::unique_ptr<format_writer> make_txt_writer(const write_options& options);
std::unique_ptr<format_writer> make_podcast_json_writer(const write_options& options);
std::unique_ptr<format_writer> make_html_writer(const write_options& options);
}  // namespace detail

namespace {
constexpr std::array<output_format_info, 8> format_table{{
    {output_format::vtt, "vtt", "vtt", "canonical WebVTT", false, detail::make_vtt_writer},
    {output_format::srt, "srt", "srt", "SubRip", true, detail::make_srt_writer},
    {output_format::json, "json", "json", "one JSON document: title and cues", false, detail::make_json_writer},
    {output_format::jsonl, "jsonl", "jsonl", "JSON Lines: one cue object per line", false, detail::make_jsonl_writer},
    {output_format::md, "md", "md", "Markdown transcript: a paragraph per speaker turn", false, detail::make_md_writer},
    {output_format::txt, "txt", "txt", "plain transcript: a paragraph per speaker turn", true, detail::make_txt_writer},
    {output_format::podcast_json, "podcast-json", "json", "Podcasting 2.0 JSON transcript", false,
     detail::make_podcast_json_writer},
    {output_format::html, "html", "html", "HTML page: speaker timeline and a paragraph per turn", false,
     detail::make_html_writer},
}};
constexpr std::array<speaker_labels_info, 3> labels_table{{
    {speaker_labels::none, "none", "never"},
    {speaker_labels::change, "change", "on the first cue of each speaker turn"},
    {speaker_labels::every, "every", "on every cue that has a speaker"},
}};

/// The row of `f`; the first (vtt) for a value outside the enumeration.
const output_format_info& row(output_format f) noexcept {
  for (const auto& e : format_table)
    if (e.format == f) return e;
  return format_table[0];
}
}  // namespace

std::span<const output_format_info> output_formats() noexcept { return format_table; }
std::span<const speaker_labels_info> speaker_labels_choices() noexcept { return labels_table; }

std::optional<output_format> parse_output_format(std::string_view name) noexcept {
  for (const auto& f : format_table)
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::string_view to_string(output_format f) noexcept { return row(f).name; }
std::string_view file_extension(output_format f) noexcept { return row(f).extension; }
bool writes_speaker_labels(output_format f) noexcept { return row(f).has_labels; }

namespace detail {
std::unique_ptr<format_writer> make_format_writer(const write_options& options) {
  return row(options.format).make(options);
}
}  // namespace detail

}  // namespace vttkit
