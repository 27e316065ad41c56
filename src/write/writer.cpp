// vttkit::writer: the chosen format's writer appends to one buffer, handed to the sink in
// large pieces.
#include <vttkit/write.hpp>

#include "write/format_writer.hpp"

namespace vttkit {
namespace {
constexpr std::size_t flush_threshold = std::size_t{1} << 18;
}  // namespace

struct writer::impl {
  impl(byte_sink& s, write_options options) : sink(s), format(detail::make_format_writer(options)) {
    buf.reserve(flush_threshold + 4096);
  }

  byte_sink& sink;
  std::unique_ptr<detail::format_writer> format;
  std::string buf;
  bool failed = false;

  void flush_if_full() {
    if (buf.size() >= flush_threshold) flush();
  }
  void flush() {
    if (!failed && !buf.empty() && !sink.write(buf)) failed = true;
    buf.clear();
  }
};

writer::writer(byte_sink& sink, write_options options) : impl_(std::make_unique<impl>(sink, options)) {}
writer::~writer() = default;
bool writer::ok() const noexcept { return !impl_->failed; }

void writer::begin(const header& h) { impl_->format->begin(impl_->buf, h); }

void writer::write(const block& b) {
  impl_->format->write_block(impl_->buf, b);
  impl_->flush_if_full();
}

void writer::write(const cue& c) {
  impl_->format->write_cue(impl_->buf, c);
  impl_->flush_if_full();
}

bool writer::finish() {
  impl_->format->finish(impl_->buf);
  impl_->flush();
  return !impl_->failed;
}

std::string write_document(const document& doc, write_options options) {
  std::string out;
  string_sink sink{out};
  writer w{sink, options};
  w.begin(doc.header);
  std::size_t next_block = 0;
  for (std::size_t i = 0; i <= doc.cues.size(); ++i) {
    while (next_block < doc.blocks.size() && doc.blocks[next_block].before_cue <= i)
      w.write(doc.blocks[next_block++].block);
    if (i < doc.cues.size()) w.write(doc.cues[i]);
  }
  w.finish();
  return out;
}

}  // namespace vttkit
