// The layout engine under the board report: a display list of pages (text,
// rectangles, lines, images; points, y measured down from the page top),
// text measured and wrapped by the real font metrics, and a Flow that places
// blocks top to bottom and opens pages. Nothing here knows libharu:
// document.cpp measures and draws, tests measure with a stand-in.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <variant>
#include <vector>

#include "pdf/structure.hpp"
#include "util/utf8.hpp"  // decode_utf8

namespace bp::pdf {

struct Color {
    double r = 0, g = 0, b = 0;  // 0..1
    friend bool operator==(const Color&, const Color&) = default;
};
// "#RRGGBB" or "RRGGBB".
std::optional<Color> parse_color(std::string_view text);
// Black or white, whichever reads better on `fill`.
Color text_on(Color fill);
// `c` moved towards white by `amount` (0..1).
Color lighten(Color c, double amount);

enum class FontStyle { regular, bold };

// Text measurement: the embedded font's metrics in a document, or a stand-in.
class Measure {
public:
    virtual ~Measure() = default;
    // Advance width in points of UTF-8 text at `size` points.
    virtual double width(std::string_view text, FontStyle style, double size) const = 0;
    // Ascent and descent (positive) as fractions of the size.
    virtual double ascent(FontStyle) const { return 0.93; }
    virtual double descent(FontStyle) const { return 0.24; }
};

struct TextStyle {
    FontStyle font = FontStyle::regular;
    double size = 9;
    Color color{};
    double leading = 1.25;  // line height as a multiple of the size
    double line_height() const { return size * leading; }
};

struct Point {
    double x = 0, y = 0;
};
struct Box {
    double x = 0, y = 0, w = 0, h = 0;  // y: top edge, down from the page top
};

struct TextOp {
    double x = 0, baseline = 0;
    TextStyle style;
    std::string text;
};
struct RectOp {
    Box box;
    std::optional<Color> fill, stroke;
    double line_width = 0.5;
};
struct LineOp {
    std::vector<Point> points;
    Color color{};
    double width = 0.75;
    bool dashed = false;
};
struct CircleOp {
    Point centre;
    double radius = 0;
    Color fill{};
};
struct PolygonOp {  // filled, closed
    std::vector<Point> points;
    Color fill{};
};
struct ImageOp {
    Box box;
    std::string path;
};
using Op = std::variant<TextOp, RectOp, LineOp, CircleOp, PolygonOp, ImageOp>;

struct PageSize {
    double width = 595.276, height = 841.89;  // A4 portrait
    friend bool operator==(const PageSize&, const PageSize&) = default;
};

struct Page {
    PageSize size;
    std::string section;  // shown in the running header
    std::vector<Op> ops;
    // The structure element each op belongs to; ops past its end (the
    // furniture, added last) are artifacts.
    std::vector<StructId> tags;
    StructId tag(std::size_t op) const { return op < tags.size() ? tags[op] : k_artifact; }
};

struct Bookmark {
    std::string title;
    std::size_t page = 0;
    double y = 0;
};

struct Layout {
    std::vector<Page> pages;
    std::vector<Bookmark> bookmarks;
    Structure structure;  // what the pages' ops are, in reading order
};

// Valid UTF-8: bad bytes become U+FFFD, control characters other than '\n'
// and '\t' are dropped, '\t' becomes a space. Characters beyond the BMP
// (emoji) are kept: the document measures and draws them as U+FFFD and says so.
std::string clean_text(std::string_view text);

// Greedy line breaking at spaces by measured width; '\n' forces a break; a
// word wider than the line (a URL, a path) is split after / . - _ ? & = and backslash
// where that fills a third of a line, else between characters.
std::vector<std::string> wrap_text(const Measure& m, std::string_view text, const TextStyle& style, double max_width);

// `text` cut at a character boundary and ended with "…" so that it fits: for
// single-line text only (the running header and footer); all else wraps.
std::string fit_text(const Measure& m, std::string_view text, const TextStyle& style, double max_width);

struct Margins {
    double top = 62, bottom = 58, left = 48, right = 48;
};

// Places blocks top to bottom, opening a page when one does not fit.
class Flow {
public:
    Flow(const Measure& measure, Margins margins);

    const Measure& measure() const { return m_measure; }
    void new_page(PageSize size, std::string section);
    bool has_page() const { return !m_layout.pages.empty(); }
    bool at_page_top() const;
    double left() const { return m_margins.left; }
    double width() const;
    double y() const { return m_y; }
    double space() const;       // height left on this page
    double page_space() const;  // height of an empty page's body
    void advance(double dy) { m_y += dy; }
    // A new page of the same size and section when `height` does not fit
    // below content already on this page.
    void ensure(double height);
    // A new page of the same size and section.
    void page_break();
    void set_section(std::string section) { m_section = std::move(section); }
    // Ops added go to the innermost open structure element (the Document
    // when none is open); under an artifact, everything is an artifact.
    StructId current() const { return m_open.empty() ? Structure::root() : m_open.back(); }
    StructId open(Role role, std::string alt = {});  // a new child of current(), made current
    // false: no elements are made (an untagged PDF), open() gives artifacts.
    void set_tagging(bool on) { m_tagging = on; }
    void enter(StructId id) { m_open.push_back(id); }  // an element made earlier, made current again
    void close() { m_open.pop_back(); }
    Structure& structure() { return m_layout.structure; }
    void add(Op op);
    void add_text(double x, double baseline, const TextStyle& style, std::string text);
    void bookmark(std::string title);
    Layout take();

private:
    const Measure& m_measure;
    Margins m_margins;
    Layout m_layout;
    std::string m_section;
    double m_y = 0;
    std::vector<StructId> m_open;
    bool m_tagging = true;
};

// Opens a structure element for the life of the scope (or enters one made earlier).
class Tagged {
public:
    Tagged(Flow& flow, Role role, std::string alt = {}) : m_flow(flow), m_id(flow.open(role, std::move(alt))) {}
    Tagged(Flow& flow, StructId existing) : m_flow(flow), m_id(existing) { flow.enter(existing); }
    ~Tagged() { m_flow.close(); }
    Tagged(const Tagged&) = delete;
    Tagged& operator=(const Tagged&) = delete;
    StructId id() const { return m_id; }

private:
    Flow& m_flow;
    StructId m_id;
};

enum class Align { left, center, right };

// Wrapped lines drawn from `top`, each aligned within [x, x + w].
void draw_lines(Flow& flow, const std::vector<std::string>& lines, const TextStyle& style, double x, double w,
                double top, Align align);

// Height of a paragraph of `width` points.
double paragraph_height(const Measure& m, std::string_view text, const TextStyle& style, double width);

// A paragraph across the full width. When it has to split, at least two
// lines stay at the foot of the page and two go to the next (no widows or
// orphans); a paragraph of three lines or fewer moves whole.
void place_paragraph(Flow& flow, std::string_view text, const TextStyle& style, double space_after);

// A heading kept on the page with the first `keep_with_next` points of what
// follows it; bookmarked when `bookmark`.
void place_heading(Flow& flow, const std::string& text, const TextStyle& style, double space_before,
                   double keep_with_next, bool bookmark);

// The running header and footer of every page, added once the page count is
// known: `left` and the page's section above, `footer` and "Page X of Y" below,
// `centre` (the classification) in both.
struct Furniture {
    std::string left, centre, footer;
    TextStyle style{FontStyle::regular, 7.5, Color{0.35, 0.35, 0.35}};
    Color rule{0.6, 0.6, 0.6};
};
void add_furniture(Layout& layout, const Furniture& furniture, const Measure& m, Margins margins);

}  // namespace bp::pdf
