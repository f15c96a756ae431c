package io.junction.nats.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
    @Test
    void readsBooleansAsGoParseBool() {
        var query = query("/?a=1&b=T&c=False&d=");

        assertThat(query.bool("a")).isTrue();
        assertThat(query.bool("b")).isTrue();
        assertThat(query.bool("c")).isFalse();
        assertThat(query.bool("d")).isFalse();
        assertThat(query.bool("missing")).isFalse();
    }

    @Test
    void readsSignedAndUnsignedIntegers() {
        var query = query("/?limit=%2B5&offset=-3&cid=18446744073709551615");

        assertThat(query.integer("limit")).isEqualTo(5);
        assertThat(query.integer("offset")).isEqualTo(-3);
        assertThat(query.unsignedLong("cid")).isEqualTo(-1L);
        assertThat(query.integer("missing")).isZero();
    }

    @Test
    void takesTheFirstOfRepeatedValues() {
        assertThat(query("/?sort=subs&sort=cid").string("sort")).isEqualTo("subs");
    }

    @Test
    void reportsWhatDoesNotParseInGoTerms() {
        assertThatThrownBy(() -> query("/?cid=18446744073709551616").unsignedLong("cid"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"18446744073709551616\": "
                        + "value out of range");
        assertThatThrownBy(() -> query("/?subs=%22x%22").bool("subs"))
                .hasMessage("Error decoding boolean for 'subs': strconv.ParseBool: parsing \"\\\"x\\\"\": "
                        + "invalid syntax");
        assertThatThrownBy(() -> query("/?limit=%205").integer("limit"))
                .hasMessage("Error decoding int for 'limit': strconv.Atoi: parsing \" 5\": invalid syntax");
    }

    private static QueryParameters query(String uri) {
        return new QueryParameters(new QueryStringDecoder(uri).parameters());
    }
}
