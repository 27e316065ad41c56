// The speaker timeline as SVG 1.1 (see timeline.hpp): a title, one lane per speaker with its
// share of the talk time, one bar per turn (bars less than a pixel apart drawn as one), a lane
// marking where two speakers talk at once, and a time axis with tick labels. Text is drawn in
// the generic sans-serif font: no script, no external font or image.
#include <vttkit/timeline.hpp>

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "text/short_compare.hpp"
#include "text/xml.hpp"

namespace vttkit {
namespace {

// The layout, in pixels.
constexpr double label_width = 220;  ///< the speakers' names and shares, left of the lanes
constexpr double right_margin = 24;
constexpr double lane_height = 30;
constexpr double lane_gap = 10;
constexpr double overlap_height = 12;
constexpr double min_tick_spacing = 90;

/// Okabe and Ito's palette, without its yellow (too pale on white), and a dark grey.
constexpr std::array<std::string_view, 8> palette{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                  "#E69F00", "#56B4E9", "#7F4F24", "#4D4D4D"};

using span = timeline_lane::span;

/// Maps times to x positions.
struct scale {
  double left = label_width;
  double px_per_ms = 0;
  [[nodiscard]] double x(millis t) const noexcept { return left + static_cast<double>(t) * px_per_ms; }
};

/// Appends one rect per group of spans less than a pixel apart; each at least a pixel wide.
void append_bars(std::string& out, const std::vector<span>& spans, const scale& s, double y, double h,
                 std::string_view color) {
  double a = -1, b = -1;
  auto flush = [&] {
    if (a < 0) return;
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n", a, y,
                       std::max(b - a, 1.0), h, color);
  };
  for (const auto& sp : spans) {
    const double xa = s.x(sp.start), xb = s.x(std::max(sp.end, sp.start));
    if (a >= 0 && xa - b < 1.0) {
      b = std::max(b, xb);
      continue;
    }
    flush();
    a = xa;
    b = xb;
  }
  flush();
}

/// Where two speakers talk at once: each turn that starts before an earlier turn of another
/// speaker ends, up to the earlier of the two ends.
std::vector<span> overlaps(const std::vector<timeline_lane>& lanes) {
  std::vector<std::pair<span, std::size_t>> all;
  for (std::size_t i = 0; i < lanes.size(); ++i)
    for (const auto& t : lanes[i].turns) all.emplace_back(t, i);
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.first.start < y.first.start; });
  std::vector<span> out;
  millis reach = 0;
  std::size_t reach_lane = 0;
  bool any = false;
  for (const auto& [t, lane] : all) {
    if (any && t.start < reach && lane != reach_lane) out.push_back({t.start, std::min(t.end, reach)});
    if (!any || t.end > reach) {
      reach = t.end;
      reach_lane = lane;
    }
    any = true;
  }
  return out;
}

/// A tick label: H:MM:SS from an hour on, else M:SS.
std::string clock(millis t, bool hours) {
  const auto s = t / 1000;
  return hours ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
}

/// The time axis: a line, ticks with labels and light grid lines through the lanes.
void append_axis(std::string& out, const scale& s, millis total, double top, double axis_y) {
  constexpr std::array<millis, 15> steps{1000,   2000,   5000,   10000,   15000,   30000,   60000,   120000,
                                         300000, 600000, 900000, 1800000, 3600000, 7200000, 14400000};
  millis step = steps.back();
  for (const auto candidate : steps) {
    if (static_cast<double>(candidate) * s.px_per_ms >= min_tick_spacing) {
      step = candidate;
      break;
    }
  }
  out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#333333\"/>\n", s.x(0),
                     axis_y, s.x(total), axis_y);
  const bool hours = total >= 3600000;
  for (millis t = 0; t <= total; t += step) {
    const double x = s.x(t);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#DDDDDD\"/>\n"
        "<line x1=\"{0:.1f}\" y1=\"{2:.1f}\" x2=\"{0:.1f}\" y2=\"{3:.1f}\" stroke=\"#333333\"/>\n"
        "<text x=\"{0:.1f}\" y=\"{4:.1f}\" text-anchor=\"middle\" font-size=\"13\">{5}</text>\n",
        x, top, axis_y, axis_y + 6, axis_y + 22, clock(t, hours));
  }
}

/// The label of a lane: the speaker and its share of the talk time.
void append_label(std::string& out, const timeline_lane& lane, double share, double y, std::string_view color) {
  out += fmt::format("<rect x=\"8\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\"/>\n", y + 9, color);
  out += fmt::format("<text x=\"28\" y=\"{:.1f}\" font-size=\"14\">", y + 20);
  detail::append_xml_escaped(out, lane.speaker.empty() ? std::string_view{"(none)"} : lane.speaker);
  out += fmt::format("<tspan x=\"{:.1f}\" text-anchor=\"end\" font-weight=\"bold\">{:.1f}%</tspan></text>\n",
                     label_width - 10, share);
}

}  // namespace

std::string_view timeline_color(std::size_t index) noexcept { return palette[index % palette.size()]; }

void timeline::push(const cue& c) {
  if (!any_ || !detail::same_bytes(c.speaker, lanes_[current_].speaker)) {
    const auto it = std::find_if(lanes_.begin(), lanes_.end(), [&](const auto& l) { return l.speaker == c.speaker; });
    current_ = static_cast<std::size_t>(it - lanes_.begin());
    if (it == lanes_.end()) lanes_.push_back({c.speaker, 0, {}});
    lanes_[current_].turns.push_back({c.start, c.end});
    any_ = true;
  }
  auto& lane = lanes_[current_];
  lane.talk_time += std::max<millis>(c.end - c.start, 0);
  lane.turns.back().end = std::max(lane.turns.back().end, c.end);
}

std::string timeline::svg(const timeline_options& o) const {
  millis total = 0, talk = 0;
  for (const auto& l : lanes_) {
    talk += l.talk_time;
    for (const auto& t : l.turns) total = std::max(total, t.end);
  }
  const double width = std::max(o.width, 400u);
  const scale s{label_width, total > 0 ? (width - label_width - right_margin) / static_cast<double>(total) : 0};
  const double top = o.title.empty() ? 16 : 52;
  const double lanes_bottom = top + static_cast<double>(lanes_.size()) * (lane_height + lane_gap);
  const double axis_y = lanes_bottom + overlap_height + lane_gap;
  const double height = axis_y + 36;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" fill=\"#1A1A1A\">\n<title>",
      width, height);
  detail::append_xml_escaped(out, o.title.empty() ? std::string_view{"Speaker timeline"} : o.title);
  out += "</title>\n<desc>Who speaks when: one lane per speaker, one bar per turn.</desc>\n";
  out += fmt::format("<rect width=\"{:.0f}\" height=\"{:.0f}\" fill=\"#FFFFFF\"/>\n", width, height);
  if (!o.title.empty()) {
    out += "<text x=\"8\" y=\"30\" font-size=\"20\" font-weight=\"bold\">";
    detail::append_xml_escaped(out, o.title);
    out += "</text>\n";
  }
  append_axis(out, s, total, top, axis_y);
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    const double y = top + static_cast<double>(i) * (lane_height + lane_gap);
    const auto& lane = lanes_[i];
    const double share = talk > 0 ? 100.0 * static_cast<double>(lane.talk_time) / static_cast<double>(talk) : 0;
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#F2F2F2\"/>\n",
                       label_width, y, width - label_width - right_margin, lane_height);
    append_label(out, lane, share, y, timeline_color(i));
    append_bars(out, lane.turns, s, y + 3, lane_height - 6, timeline_color(i));
  }
  out += fmt::format("<text x=\"28\" y=\"{:.1f}\" font-size=\"12\">overlap</text>\n", lanes_bottom + 10);
  auto both = overlaps(lanes_);
  std::sort(both.begin(), both.end(), [](const span& a, const span& b) { return a.start < b.start; });
  append_bars(out, both, s, lanes_bottom, overlap_height, "#C00000");
  out += "</svg>\n";
  return out;
}

}  // namespace vttkit
