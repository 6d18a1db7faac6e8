package org.concord.query.feed;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.TimeoutException;
import reactor.core.Exceptions;
import reactor.netty.http.client.PrematureCloseException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;

/**
 * The class of a failed delivery, as the delivery log records it: a fixed word, never the text of the
 * exception, which can quote what the receiver sent (a service's greeting, an error page) and so would
 * let a webhook's owner read the answers of whatever the URL reaches.
 */
final class DeliveryError {

    private DeliveryError() {
    }

    /**
     * {@code TIMEOUT}, {@code CONNECTION_REFUSED}, {@code UNREACHABLE}, {@code TLS}, {@code DNS},
     * {@code CONNECTION_CLOSED} (closed before a whole answer), {@code BAD_RESPONSE} (not HTTP), or
     * {@code OTHER}; the refusals of the URL and the receiver's status have their own
     * ({@link WebhookAddresses.Refused}, {@code HTTP_5XX}).
     */
    static String of(Throwable failure) {
        String undecodable = null;
        for (Throwable cause = Exceptions.unwrap(failure); cause != null; cause = cause.getCause()) {
            String found = classOf(cause);
            if (found != null) {
                return found;
            }
            if (cause instanceof DecoderException || cause instanceof IllegalArgumentException) {
                // Netty wraps a TLS failure in a DecoderException: what it wraps says more
                undecodable = "BAD_RESPONSE";
            }
        }
        return undecodable == null ? "OTHER" : undecodable;
    }

    private static String classOf(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof SocketTimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "TIMEOUT";
        }
        if (cause instanceof NoRouteToHostException) {
            return "UNREACHABLE";
        }
        if (cause instanceof ConnectException) {
            return "CONNECTION_REFUSED";
        }
        if (cause instanceof SSLException || cause instanceof CertificateException) {
            return "TLS";
        }
        if (cause instanceof UnknownHostException) {
            return "DNS";
        }
        if (cause instanceof PrematureCloseException || cause instanceof SocketException) {
            return "CONNECTION_CLOSED";
        }
        return null;
    }
}
