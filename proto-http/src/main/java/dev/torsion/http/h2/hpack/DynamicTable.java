package dev.torsion.http.h2.hpack;

import java.util.ArrayDeque;
import java.util.Iterator;

/** The dynamic table of RFC 7541 section 2.3.2 and its size rules (section 4). */
final class DynamicTable {
    private final ArrayDeque<HeaderField> entries = new ArrayDeque<>();
    private int size;
    private int maxSize;

    DynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    int length() {
        return entries.size();
    }

    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** The entry at {@code index} from 1 (the newest). */
    HeaderField get(int index) {
        Iterator<HeaderField> it = entries.iterator();
        HeaderField field = null;
        for (int i = 0; i < index; i++) {
            field = it.next();
        }
        return field;
    }

    /** Section 4.4: adds at the front, evicting from the end; an entry larger than the table empties it. */
    void add(HeaderField field) {
        int entrySize = field.size();
        while (!entries.isEmpty() && size + entrySize > maxSize) {
            size -= entries.removeLast().size();
        }
        if (entrySize <= maxSize) {
            entries.addFirst(field);
            size += entrySize;
        }
    }

    /** Section 4.3: a new maximum evicts what no longer fits. */
    void setMaxSize(int newMax) {
        maxSize = newMax;
        while (!entries.isEmpty() && size > maxSize) {
            size -= entries.removeLast().size();
        }
    }
}
