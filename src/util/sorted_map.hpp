// A map kept as one sorted vector. A sheet's rows and cells are nearly always
// set in order, so an insert is an append and a walk over them is a walk over
// contiguous memory, not a tree of one allocation per cell (the scorecard's
// 150,000 cells). Unlike std::map, an insert moves what comes after it:
// references and iterators do not survive one.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace bp {

template <class K, class V>
class SortedMap {
public:
    using value_type = std::pair<K, V>;
    using iterator = typename std::vector<value_type>::iterator;
    using const_iterator = typename std::vector<value_type>::const_iterator;

    V& operator[](const K& key) {
        if (m_items.empty() || m_items.back().first < key) return m_items.emplace_back(key, V{}).second;
        if (m_items.back().first == key) return m_items.back().second;  // the row being filled, asked again
        auto it = lower(key);
        if (it != m_items.end() && it->first == key) return it->second;
        return m_items.emplace(it, key, V{})->second;
    }
    iterator find(const K& key) {
        auto it = lower(key);
        return it != m_items.end() && it->first == key ? it : m_items.end();
    }
    const_iterator find(const K& key) const {
        auto it = std::lower_bound(m_items.begin(), m_items.end(), key,
                                   [](const value_type& item, const K& k) { return item.first < k; });
        return it != m_items.end() && it->first == key ? it : m_items.end();
    }
    std::size_t count(const K& key) const { return find(key) != m_items.end() ? 1 : 0; }

    iterator begin() { return m_items.begin(); }
    iterator end() { return m_items.end(); }
    const_iterator begin() const { return m_items.begin(); }
    const_iterator end() const { return m_items.end(); }
    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }

private:
    iterator lower(const K& key) {
        return std::lower_bound(m_items.begin(), m_items.end(), key,
                                [](const value_type& item, const K& k) { return item.first < k; });
    }
    std::vector<value_type> m_items;
};

}  // namespace bp
