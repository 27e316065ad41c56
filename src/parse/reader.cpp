// The streaming reader and the whole-document parse: format detection and the parsers' glue.
#include <vttkit/parse.hpp>

#include <algorithm>
#include <array>
#include <optional>

#include <thread>

#include "parse/parallel_parser.hpp"
#include "parse/srt_parser.hpp"
#include "parse/webvtt_parser.hpp"
#include "text/ascii.hpp"

namespace vttkit {

struct reader::impl {
  impl(byte_source& source, parse_options opts)
      : options(std::move(opts)),
        ctx(source, options.on_diagnostic, options.warnings, options.rules, options.encoding),
        vtt(ctx),
        srt(ctx) {
    ctx.recover = options.recover;
  }

  parse_options options;
  detail::parse_context ctx;
  detail::webvtt_parser vtt;
  detail::srt_parser srt;
  input_format format = input_format::automatic;
  vttkit::header header;
  vttkit::cue cue;
  vttkit::block block;
  item_kind kind = item_kind::cue;
  vttkit::cue* current_cue = &cue;
  vttkit::block* current_block = &block;
  std::unique_ptr<detail::parallel_parser> parallel;  // when parsing WebVTT on several threads
  bool header_done = false;
  bool signature = false;
  bool srt_cue_ready = false;  // SubRip: the first cue, read with the header, not handed out yet

  input_format detect();
};

namespace {

/// A SubRip file starts (after blank lines) with an index line followed by a timing line.
bool looks_like_srt(std::string_view head) {
  auto next_line = [&head]() -> std::optional<std::string_view> {
    if (head.empty()) return std::nullopt;
    auto end = head.find_first_of("\r\n");
    auto line = head.substr(0, end);
    if (end == std::string_view::npos) head = {};
    else {
      if (head[end] == '\r' && end + 1 < head.size() && head[end + 1] == '\n') ++end;
      head.remove_prefix(end + 1);
    }
    return line;
  };
  std::optional<std::string_view> line;
  while ((line = next_line()) && line->find_first_not_of(" \t") == std::string_view::npos) {
  }
  if (!line || !detail::is_srt_index(*line)) return false;
  const auto timing = next_line();
  millis a = 0, b = 0;
  return timing && detail::parse_srt_timing(*timing, a, b);
}

}  // namespace

input_format reader::impl::detect() {
  if (options.format != input_format::automatic) return options.format;
  if (ctx.lines.peek(6) == "WEBVTT") return input_format::vtt;
  if (detail::iends_with(options.name, ".vtt")) return input_format::vtt;
  if (detail::iends_with(options.name, ".srt")) return input_format::srt;
  return looks_like_srt(ctx.lines.peek(4096)) ? input_format::srt : input_format::vtt;
}

reader::reader(byte_source& source, parse_options options)
    : impl_(std::make_unique<impl>(source, std::move(options))) {}
reader::reader(reader&&) noexcept = default;
reader& reader::operator=(reader&&) noexcept = default;
reader::~reader() = default;

bool reader::read_header() {
  auto& s = *impl_;
  if (s.header_done) return s.signature;
  s.header_done = true;
  s.format = s.detect();
  const auto threads = s.options.threads ? s.options.threads : std::max(1u, std::thread::hardware_concurrency());
  if (s.format == input_format::srt) {
    // SubRip has no signature: its first entry stands for one (a non-blank input without
    // any entry is E001, so that a file read wrongly as SubRip fails instead of giving nothing).
    s.srt_cue_ready = s.srt.first(s.cue);
    s.signature = s.srt_cue_ready || s.srt.blank();
  } else if (threads > 1 && !s.options.recover && (s.ctx.lines.peek(0), s.ctx.lines.in_place())) {
    // (peek: the line reader has looked at the source, and holds a memory or mapped input in
    // place; other sources are read by one thread, see parallel_parser.)
    s.parallel = std::make_unique<detail::parallel_parser>(*s.ctx.lines.source(), s.ctx.lines.buffered(), s.options,
                                                           threads, s.ctx.lines);
    s.signature = s.parallel->read_header(s.header);
  } else {
    s.signature = s.vtt.read_header(s.header);
  }
  return s.signature;
}

bool reader::next() {
  auto& s = *impl_;
  if (!read_header()) return false;
  if (s.format == input_format::srt) {
    if (s.srt_cue_ready) s.srt_cue_ready = false;
    else if (!s.srt.next(s.cue)) return false;
    s.kind = item_kind::cue;
    return true;
  }
  if (s.parallel) return s.parallel->next(s.kind, s.current_cue, s.current_block);
  return s.vtt.next(s.kind, s.cue, s.block);
}

item_kind reader::kind() const noexcept { return impl_->kind; }
cue& reader::cue() noexcept { return *impl_->current_cue; }
block& reader::block() noexcept { return *impl_->current_block; }
const header& reader::header() const noexcept { return impl_->header; }
input_format reader::format() const noexcept { return impl_->format; }
bool reader::has_signature() const noexcept { return impl_->signature; }
std::span<const input_format_info> input_formats() noexcept {
  static constexpr std::array<input_format_info, 3> table{{
      {input_format::automatic, "auto", "from the WEBVTT signature, the extension or the content"},
      {input_format::vtt, "vtt", "WebVTT"},
      {input_format::srt, "srt", "SubRip"},
  }};
  return table;
}

std::size_t reader::error_count() const noexcept {
  const auto& s = *impl_;
  return s.ctx.error_count() + (s.parallel ? s.parallel->error_count() : 0);
}
std::size_t reader::bytes_read() const noexcept {
  const auto& s = *impl_;
  return s.parallel ? s.parallel->bytes_read() : s.ctx.lines.bytes_read();
}
const std::string& reader::read_error() const noexcept {
  const auto& s = *impl_;
  if (s.parallel) return s.parallel->read_error();
  return s.ctx.lines.read_error();
}

const input_encoding& reader::encoding() const noexcept {
  const auto& s = *impl_;
  return s.parallel ? s.parallel->encoding() : s.ctx.lines.encoding();
}

parse_result parse(byte_source& source, parse_options options) {
  parse_result result;
  auto user_sink = std::move(options.on_diagnostic);
  options.on_diagnostic = [&result, &user_sink](const diagnostic& d) {
    result.diagnostics.push_back(d);
    if (user_sink) user_sink(d);
  };
  reader r{source, std::move(options)};
  while (r.next()) {
    if (r.kind() == item_kind::cue) {
      result.document.cues.push_back(std::move(r.cue()));
    } else {
      result.document.blocks.push_back({std::move(r.block()), result.document.cues.size()});
    }
  }
  result.document.header = r.header();
  result.format = r.format();
  result.has_signature = r.has_signature();
  result.read_error = r.read_error();
  result.encoding = r.encoding();
  return result;
}

parse_result parse(std::string_view bytes, parse_options options) {
  memory_source source{bytes};
  return parse(source, std::move(options));
}

}  // namespace vttkit
