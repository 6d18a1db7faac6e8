package org.concord.workspace.amendment;

import java.util.List;

/** Suggestions of a label for a provision inserted after another: the next one at the same level, if free. */
final class Labels {

    private Labels() {
    }

    /**
     * After "2.a": "2.b"; after "3": "4"; after "2.z" or when the next is taken: one level down ("2.a.1" after
     * "2.a"), then "" when even that is taken (the delegate chooses).
     */
    static String after(String label, List<String> taken) {
        int dot = label.lastIndexOf('.');
        String stem = dot < 0 ? "" : label.substring(0, dot + 1);
        String last = label.substring(dot + 1);
        String next = null;
        if (last.chars().allMatch(Character::isDigit) && !last.isEmpty() && last.length() < 9) {
            next = stem + (Integer.parseInt(last) + 1);
        } else if (last.length() == 1 && Character.isLetter(last.charAt(0)) && last.charAt(0) != 'z' && last.charAt(0) != 'Z') {
            next = stem + (char) (last.charAt(0) + 1);
        }
        if (next != null && !taken.contains(next)) {
            return next;
        }
        String deeper = label + (last.chars().allMatch(Character::isDigit) ? ".a" : ".1");
        return taken.contains(deeper) ? "" : deeper;
    }
}
