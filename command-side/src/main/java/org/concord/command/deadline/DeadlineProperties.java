package org.concord.command.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code concord.deadlines.*}: how often a command side looks for due deadlines ({@code poll-every}, default 1s) and how
 * long its claim on one lasts before another command side may fire it ({@code lease}, default 30s: longer than a
 * deadline takes to fire, shorter than anyone should wait for a dead command side's deadline).
 */
@ConfigurationProperties("concord.deadlines")
record DeadlineProperties(@DefaultValue("1s") Duration pollEvery, @DefaultValue("30s") Duration lease) {
}
