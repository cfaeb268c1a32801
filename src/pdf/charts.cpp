#include "pdf/charts.hpp"

#include <algorithm>

namespace bp::pdf {

namespace {

// Baseline that centres a capital letter of `size` on `mid`.
double centred_baseline(double mid, double size) { return mid + 0.36 * size; }

}  // namespace

Graphic rag_chip(const Measure& m, Color fill, std::string letter) {
    TextStyle style{FontStyle::bold, 7.5, text_on(fill)};
    double lw = m.width(letter, style.font, style.size);
    return [=](std::vector<Op>& ops, const Box& box) {
        double r = std::min({box.w, box.h, k_chip_size}) / 2;
        Point c{box.x + box.w / 2, box.y + box.h / 2};
        ops.push_back(CircleOp{c, r, fill});
        ops.push_back(TextOp{c.x - lw / 2, centred_baseline(c.y, style.size), style, letter});
    };
}

Graphic arrow(Pointing pointing, Color fill) {
    return [=](std::vector<Op>& ops, const Box& box) {
        double s = std::min({box.w, box.h, k_arrow_size});
        double x = box.x + (box.w - s) / 2, y = box.y + (box.h - s) / 2;  // y grows down the page
        switch (pointing) {
        case Pointing::up: ops.push_back(PolygonOp{{{x, y + s}, {x + s, y + s}, {x + s / 2, y}}, fill}); break;
        case Pointing::down: ops.push_back(PolygonOp{{{x, y}, {x + s, y}, {x + s / 2, y + s}}, fill}); break;
        case Pointing::right:
            ops.push_back(PolygonOp{{{x + s * 0.15, y}, {x + s * 0.15, y + s}, {x + s * 0.95, y + s / 2}}, fill});
            break;
        }
    };
}

Graphic stacked_bar(const Measure& m, std::vector<BarSegment> segments) {
    TextStyle style{FontStyle::bold, 6.5};
    std::vector<double> widths;
    for (const auto& s : segments) widths.push_back(m.width(s.letter, style.font, style.size));
    return [=](std::vector<Op>& ops, const Box& box) {
        double total = 0;
        for (const auto& s : segments) total += std::max(0.0, s.value);
        if (total <= 0) {
            ops.push_back(RectOp{box, std::nullopt, Color{0.6, 0.6, 0.6}, 0.5});
            return;
        }
        double x = box.x;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            double w = box.w * std::max(0.0, segments[i].value) / total;
            if (w <= 0) continue;
            ops.push_back(RectOp{{x, box.y, w, box.h}, segments[i].fill, std::nullopt});
            if (w >= widths[i] + 3) {
                TextStyle s = style;
                s.color = text_on(segments[i].fill);
                ops.push_back(TextOp{x + (w - widths[i]) / 2, centred_baseline(box.y + box.h / 2, s.size), s,
                                     segments[i].letter});
            }
            x += w;
        }
    };
}

Graphic sparkline(std::vector<std::optional<double>> values, std::optional<double> target, Color line, Color dot) {
    return [=](std::vector<Op>& ops, const Box& box) {
        double lo = 0, hi = 0;
        bool any = false;
        for (const auto& v : values)
            if (v) {
                lo = any ? std::min(lo, *v) : *v;
                hi = any ? std::max(hi, *v) : *v;
                any = true;
            }
        if (!any) return;
        if (target && *target >= lo - (hi - lo) && *target <= hi + (hi - lo)) {
            lo = std::min(lo, *target);
            hi = std::max(hi, *target);
        }
        if (hi - lo < 1e-9) lo -= 1, hi += 1;
        const double pad = 1.5;
        auto ypos = [&](double v) { return box.y + pad + (box.h - 2 * pad) * (hi - v) / (hi - lo); };
        auto xpos = [&](std::size_t i) {
            return values.size() < 2 ? box.x + box.w / 2
                                     : box.x + pad + (box.w - 2 * pad) * static_cast<double>(i) /
                                                         static_cast<double>(values.size() - 1);
        };
        if (target && *target >= lo && *target <= hi)
            ops.push_back(LineOp{{{box.x, ypos(*target)}, {box.x + box.w, ypos(*target)}}, Color{0.55, 0.55, 0.55},
                                 0.5, true});
        LineOp run{{}, line, 0.9};
        std::optional<Point> last;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!values[i]) {
                if (run.points.size() > 1) ops.push_back(run);
                run.points.clear();
                continue;
            }
            last = Point{xpos(i), ypos(*values[i])};
            run.points.push_back(*last);
        }
        if (run.points.size() > 1) ops.push_back(run);
        if (last) ops.push_back(CircleOp{*last, 1.6, dot});
    };
}

}  // namespace bp::pdf
