package io.junction.nats.monitor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to its endpoint by exact path, as Go's {@code ServeMux} does for nats-server: any method,
 * no trailing slash, everything else 404. Wraps JSON in {@code callback(...)} when a JSONP {@code callback} is given.
 */
@Sharable
final class MonitorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorHandler.class);
    private static final MonitorResponse BAD_REQUEST = MonitorResponse.text(400, "400 Bad Request");

    /** An endpoint and the name its requests are counted under in {@code http_req_stats}. */
    record Route(String statsName, Endpoint endpoint) {}

    private final Map<String, Route> routes;
    private final HttpRequestStats requestStats;

    MonitorHandler(Map<String, Route> routes, HttpRequestStats requestStats) {
        this.routes = Map.copyOf(routes);
        this.requestStats = requestStats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            ctx.writeAndFlush(toHttp(BAD_REQUEST)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        MonitorResponse response;
        try {
            var uri = new QueryStringDecoder(request.uri());
            response = respond(uri.path(), new QueryParameters(uri.parameters()));
        } catch (IllegalArgumentException e) {
            // A malformed percent-escape in the path or the query.
            response = BAD_REQUEST;
        }

        // HttpServerKeepAliveHandler closes the connection after this when the request asked for that.
        ctx.writeAndFlush(toHttp(response));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("monitoring connection failed: {}", cause.toString());
        ctx.close();
    }

    MonitorResponse respond(String path, QueryParameters query) {
        var route = routes.get(path);
        if (route == null) {
            return MonitorResponse.notFound();
        }
        requestStats.count(route.statsName());
        try {
            return withCallback(route.endpoint().handle(query), query.string("callback"));
        } catch (BadRequestException e) {
            return MonitorResponse.text(400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("monitoring endpoint {} failed", path, e);
            return MonitorResponse.text(500, "monitoring endpoint " + path + " failed: " + e);
        }
    }

    private static MonitorResponse withCallback(MonitorResponse response, String callback) {
        if (callback.isEmpty() || !response.isJson()) {
            return response;
        }
        var body = new ByteArrayOutputStream(response.body().length + callback.length() + 2);
        body.writeBytes(callback.getBytes(StandardCharsets.UTF_8));
        body.write('(');
        body.writeBytes(response.body());
        body.write(')');

        return new MonitorResponse(response.status(), "application/javascript", body.toByteArray());
    }

    private static DefaultFullHttpResponse toHttp(MonitorResponse response) {
        var http = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        HttpUtil.setContentLength(http, response.body().length);

        return http;
    }
}
