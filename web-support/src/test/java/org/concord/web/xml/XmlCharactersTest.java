package org.concord.web.xml;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XmlCharactersTest {

    @Test
    void a_manual_line_break_or_a_page_break_becomes_a_line_feed() {
        assertThat(XmlCharacters.legal("First line\u000Bsecond line\u000Cthird")).isEqualTo("First line\nsecond line\nthird");
    }

    @Test
    void other_characters_xml_cannot_carry_become_the_replacement_character() {
        assertThat(XmlCharacters.legal("a\u0000b\u001Fc\uFFFEd\uFFFFe\uD800f")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    }

    @Test
    void a_text_xml_can_carry_is_kept_as_it_is() {
        String text = "Tab\tCR\rLF\n 👩🏽‍💻 عربي 中文 \u00A0\u2028 <&> \uFFFD";
        assertThat(XmlCharacters.legal(text)).isSameAs(text);
    }
}
