package io.junction.jetstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON read into the wire form (one char per byte) and written back as UTF-8 text, as Go's encoder writes it. */
class WireTextTest {
    @Test
    void readsStringsAndKeysAsTheBytesOfTheirUtf8Form() throws Exception {
        var json = Json.read(utf8("{\"ü\":[\"ordërs.订单\",\"ord\\u00ebrs\"]}"));

        var values = json.get(wire("ü"));
        assertThat(values.get(0).textValue()).isEqualTo(wire("ordërs.订单"));
        assertThat(values.get(1).textValue()).isEqualTo(wire("ordërs"));
    }

    @Test
    void writesTheWireFormAsTheTextItStandsFor() {
        var json = Json.object();
        json.put(wire("ü"), wire("ordërs.订单"));

        assertThat(new String(Json.bytes(json), StandardCharsets.UTF_8)).isEqualTo("{\"ü\":\"ordërs.订单\"}");
    }

    @Test
    void writesBytesThatAreNotUtf8AsTheReplacementCharacter() {
        var json = Json.object();
        json.put("subject", "bad\u00ff.x");

        assertThat(new String(Json.bytes(json), StandardCharsets.UTF_8)).isEqualTo("{\"subject\":\"bad\ufffd.x\"}");
    }

    @Test
    void readsBytesThatAreNotUtf8AsTheReplacementCharacterAsGoDoes() throws Exception {
        var body = new byte[] {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xff, '"', '}'};

        assertThat(Json.read(body).get("a").textValue()).isEqualTo(wire("x\ufffd"));
    }

    @Test
    void keepsTextThatNeverWasOnTheWire() {
        assertThat(WireText.toText("订单")).isEqualTo("订单");
        assertThat(WireText.toText(WireText.fromText("µs ordërs"))).isEqualTo("µs ordërs");
        assertThat(WireText.fromText("plain")).isSameAs("plain");
    }

    private static String wire(String text) {
        return new String(utf8(text), StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
