#include "pdf/tagging.hpp"

#include <algorithm>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace bp::pdf {

namespace {

void write_raw(HPDF_Page page, const std::string& text) {
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    HPDF_Stream_WriteStr(attr->stream, text.c_str());
}

// One kid of an element: a child element or a marked-content sequence on a page.
struct Kid {
    bool content = false;
    StructId elem = k_artifact;
    std::size_t page = 0;
    std::size_t mcid = 0;
};

}  // namespace

void PageMarks::begin(StructId tag) {
    end();
    if (tag == k_artifact) {
        write_raw(m_page, "/Artifact BMC\n");
    } else {
        write_raw(m_page, fmt::format("/{} <</MCID {}>> BDC\n", role_name(m_structure[tag].role), m_owners.size()));
        m_owners.push_back(tag);
    }
    m_open = true;
    m_tag = tag;
}

void PageMarks::end() {
    if (m_open) write_raw(m_page, "EMC\n");
    m_open = false;
}

void* text_string(HPDF_MMgr mmgr, const std::string& utf8) {
    bool ascii = true;
    for (unsigned char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7F;
    if (ascii) return HPDF_String_New(mmgr, utf8.c_str(), nullptr);
    std::vector<HPDF_BYTE> bytes{0xFE, 0xFF};
    for (std::size_t i = 0; i < utf8.size();) {
        Utf8Char u = decode_utf8(utf8, i);
        char32_t cp = u.length == 0 ? 0xFFFD : u.cp;
        i += u.length == 0 ? 1 : u.length;
        auto unit = [&](char32_t v) {
            bytes.push_back(static_cast<HPDF_BYTE>(v >> 8));
            bytes.push_back(static_cast<HPDF_BYTE>(v & 0xFF));
        };
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10));
            unit(0xDC00 + (cp & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return HPDF_Binary_New(mmgr, bytes.data(), static_cast<HPDF_UINT>(bytes.size()));
}

void write_structure_tree(HPDF_Doc doc, const Structure& s, const std::vector<HPDF_Page>& pages,
                          const std::vector<std::vector<StructId>>& owners, const std::string& language) {
    HPDF_MMgr mmgr = doc->mmgr;
    // Kids in reading order: an element's content and child elements as the
    // pages draw them; an element with no content where the model puts it.
    std::vector<std::vector<Kid>> kids(s.size());
    std::vector<bool> placed(s.size(), false);
    placed[Structure::root()] = true;
    auto place = [&](StructId e) {
        for (StructId child = e; !placed[child];) {
            placed[child] = true;
            StructId up = s[child].parent;
            kids[up].push_back(Kid{false, child});
            child = up;
        }
    };
    for (std::size_t p = 0; p < owners.size(); ++p)
        for (std::size_t mcid = 0; mcid < owners[p].size(); ++mcid) {
            StructId e = owners[p][mcid];
            place(e);
            kids[e].push_back(Kid{true, e, p, mcid});
        }
    for (StructId e = 1; e < s.size(); ++e) {
        if (placed[e]) continue;
        placed[e] = true;  // its parent (made before it) is placed by now
        const auto& order = s[s[e].parent].children;
        auto rank = [&](StructId x) { return std::find(order.begin(), order.end(), x) - order.begin(); };
        auto& list = kids[s[e].parent];
        auto at = std::find_if(list.begin(), list.end(), [&](const Kid& k) { return !k.content && rank(k.elem) > rank(e); });
        list.insert(at, Kid{false, e});
    }

    std::vector<HPDF_Dict> dicts(s.size(), nullptr);
    for (StructId e = 0; e < s.size(); ++e) {
        HPDF_Dict d = HPDF_Dict_New(mmgr);
        if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK) return;
        dicts[e] = d;
    }
    HPDF_Dict root = HPDF_Dict_New(mmgr);
    if (!root || HPDF_Xref_Add(doc->xref, root) != HPDF_OK) return;
    for (StructId e = 0; e < s.size(); ++e) {
        const StructElem& el = s[e];
        HPDF_Dict d = dicts[e];
        HPDF_Dict_AddName(d, "Type", "StructElem");
        HPDF_Dict_AddName(d, "S", std::string(role_name(el.role)).c_str());
        HPDF_Dict_Add(d, "P", e == Structure::root() ? root : dicts[el.parent]);
        if (el.role == Role::figure) HPDF_Dict_Add(d, "Alt", text_string(mmgr, el.alt));
        if (el.scope != Scope::none || el.col_span > 1) {
            HPDF_Dict a = HPDF_Dict_New(mmgr);
            HPDF_Dict_AddName(a, "O", "Table");
            if (el.scope != Scope::none) HPDF_Dict_AddName(a, "Scope", el.scope == Scope::column ? "Column" : "Row");
            if (el.col_span > 1) HPDF_Dict_AddNumber(a, "ColSpan", el.col_span);
            HPDF_Dict_Add(d, "A", a);
        }
        // /Pg names the page of the first content; content elsewhere is an MCR dictionary.
        std::size_t pg = pages.size();
        for (const auto& k : kids[e])
            if (k.content) {
                pg = k.page;
                break;
            }
        if (pg < pages.size()) HPDF_Dict_Add(d, "Pg", pages[pg]);
        HPDF_Array list = HPDF_Array_New(mmgr);
        for (const auto& k : kids[e]) {
            if (!k.content) {
                HPDF_Array_Add(list, dicts[k.elem]);
            } else if (k.page == pg) {
                HPDF_Array_AddNumber(list, static_cast<HPDF_INT32>(k.mcid));
            } else {
                HPDF_Dict mcr = HPDF_Dict_New(mmgr);
                HPDF_Dict_AddName(mcr, "Type", "MCR");
                HPDF_Dict_Add(mcr, "Pg", pages[k.page]);
                HPDF_Dict_AddNumber(mcr, "MCID", static_cast<HPDF_INT32>(k.mcid));
                HPDF_Array_Add(list, mcr);
            }
        }
        HPDF_Dict_Add(d, "K", list);
    }

    // The ParentTree: for page i (its /StructParents), the element of each MCID.
    HPDF_Dict parent_tree = HPDF_Dict_New(mmgr);
    if (!parent_tree || HPDF_Xref_Add(doc->xref, parent_tree) != HPDF_OK) return;
    HPDF_Array nums = HPDF_Array_New(mmgr);
    for (std::size_t p = 0; p < pages.size(); ++p) {
        HPDF_Dict_AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p));
        HPDF_Array list = HPDF_Array_New(mmgr);
        if (p < owners.size())
            for (StructId e : owners[p]) HPDF_Array_Add(list, dicts[e]);
        HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(p));
        HPDF_Array_Add(nums, list);
    }
    HPDF_Dict_Add(parent_tree, "Nums", nums);

    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_Add(root, "K", dicts[Structure::root()]);
    HPDF_Dict_Add(root, "ParentTree", parent_tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(pages.size()));

    HPDF_Dict catalog = doc->catalog;
    HPDF_Dict_Add(catalog, "StructTreeRoot", root);
    HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
    HPDF_Dict_Add(catalog, "Lang", text_string(mmgr, language));
    // libharu's viewer preferences have no DisplayDocTitle: the dictionary is written here.
    auto* prefs = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(catalog, "ViewerPreferences", HPDF_OCLASS_DICT));
    if (!prefs) {
        prefs = HPDF_Dict_New(mmgr);
        HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
    }
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
}

}  // namespace bp::pdf
