package org.concord.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLoopsTest {

    private final String given = System.getProperty(EventLoops.REACTOR_PROPERTY);

    @AfterEach
    void restore_the_property() {
        if (given == null) {
            System.clearProperty(EventLoops.REACTOR_PROPERTY);
        } else {
            System.setProperty(EventLoops.REACTOR_PROPERTY, given);
        }
    }

    @Test
    void reactor_netty_is_given_the_count_once_the_settings_are_read() {
        System.clearProperty(EventLoops.REACTOR_PROPERTY);
        new EventLoops().onApplicationEvent(prepared(new MockEnvironment()));
        assertThat(System.getProperty(EventLoops.REACTOR_PROPERTY)).isEqualTo("1");

        System.clearProperty(EventLoops.REACTOR_PROPERTY);
        new EventLoops().onApplicationEvent(prepared(new MockEnvironment().withProperty(EventLoops.SETTING, "2")));
        assertThat(System.getProperty(EventLoops.REACTOR_PROPERTY)).isEqualTo("2");
    }

    @Test
    void a_count_given_to_the_jvm_is_left_as_it_is() {
        System.setProperty(EventLoops.REACTOR_PROPERTY, "4");
        new EventLoops().onApplicationEvent(prepared(new MockEnvironment().withProperty(EventLoops.SETTING, "2")));
        assertThat(System.getProperty(EventLoops.REACTOR_PROPERTY)).isEqualTo("4");
    }

    @Test
    void one_loop_unless_the_settings_ask_for_more() {
        assertThat(EventLoops.count(new MockEnvironment())).isEqualTo(1);
        assertThat(EventLoops.count(new MockEnvironment().withProperty(EventLoops.SETTING, " 3 "))).isEqualTo(3);
    }

    @Test
    void a_count_below_one_or_not_a_number_is_refused_by_the_setting_s_name() {
        for (String refused : new String[] {"0", "-2", "two", "1.5", ""}) {
            assertThatThrownBy(() -> EventLoops.count(new MockEnvironment().withProperty(EventLoops.SETTING, refused)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("concord.gateway.event-loops")
                    .hasMessageContaining("CONCORD_GATEWAY_EVENT_LOOPS");
        }
    }

    private static ApplicationEnvironmentPreparedEvent prepared(MockEnvironment environment) {
        return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
                new String[0], environment);
    }
}
