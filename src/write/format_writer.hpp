// The interface behind every output format. Each format is one class in its own file
// (write/<name>_writer.cpp) with a factory `make_<name>_writer(const write_options&)` that
// the format's row of the format table names (write/formats.cpp). `vttkit::writer` owns the
// output buffer the methods append to and hands it to the sink.
#pragma once

#include <memory>
#include <string>

#include <vttkit/document.hpp>
#include <vttkit/write.hpp>

namespace vttkit::detail {

class format_writer {
 public:
  format_writer() = default;
  format_writer(const format_writer&) = delete;
  format_writer& operator=(const format_writer&) = delete;
  virtual ~format_writer() = default;

  /// The start of the output: called once, before any cue or block. Nothing by default.
  virtual void begin(std::string& /*out*/, const header& /*h*/) {}
  /// One cue, in order.
  virtual void write_cue(std::string& out, const cue& c) = 0;
  /// A NOTE, STYLE or REGION block, in its place among the cues. Only WebVTT keeps
  /// blocks: nothing by default.
  virtual void write_block(std::string& /*out*/, const block& /*b*/) {}
  /// The end of the output: called once, after the last cue. Nothing by default.
  virtual void finish(std::string& /*out*/) {}
};

/// The writer of `options.format`, made by the factory of its row in the format table.
std::unique_ptr<format_writer> make_format_writer(const write_options& options);

}  // namespace vttkit::detail
