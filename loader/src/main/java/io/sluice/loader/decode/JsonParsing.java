package io.sluice.loader.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The one Jackson setup of the decoders: strict JSON, UTF-8 only, nesting bounded (a 10,000-deep message is an error,
 * not a StackOverflowError), and a parser per message made as cheaply as Jackson allows.
 */
final class JsonParsing
{
    static final int MAXIMUM_NESTING_DEPTH = 1000;

    private static final Pattern SOURCE_DESCRIPTION = Pattern.compile("Source: [^;\\]]*; ");
    private static final int MAXIMUM_REASON_LENGTH = 300;

    private static final Utf8JsonFactory FACTORY = new Utf8JsonFactory();

    private JsonParsing() {}

    static JsonParser parser(byte[] buffer, int offset, int length)
            throws IOException
    {
        return FACTORY.createParser(buffer, offset, length);
    }

    static JsonParser parser(String text)
            throws IOException
    {
        return FACTORY.createParser(text);
    }

    /** A parser to {@link ReusableParser#reset} onto one message after another. */
    static ReusableParser reusableParser()
    {
        return FACTORY.reusableParser();
    }

    /** Why Jackson gave up, and where: {@code Invalid JSON at byte 7 (line 1, column 8): Unexpected end-of-input ...}. */
    static String describe(JsonProcessingException e)
    {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // Jackson names the source in nested locations; we never give it one, so that says nothing.
        message = SOURCE_DESCRIPTION.matcher(message).replaceAll("");
        if (message.length() > MAXIMUM_REASON_LENGTH) {
            message = message.substring(0, MAXIMUM_REASON_LENGTH) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location == null || location.getByteOffset() < 0) {
            return "Invalid JSON: " + message;
        }
        return "Invalid JSON at byte " + location.getByteOffset() + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + "): " + message;
    }

    /**
     * Creates byte-array parsers directly: the default path detects UTF-16/32 and BOMs and records the source for
     * error messages, costing objects per message. Messages are UTF-8 (a leading UTF-8 BOM is skipped); anything
     * else fails as invalid JSON.
     */
    private static final class Utf8JsonFactory
            extends JsonFactory
    {
        ReusableParser reusableParser()
        {
            return new ReusableParser(_createContext(ContentReference.unknown(), false), _parserFeatures, _byteSymbolCanonicalizer.makeChild(_factoryFeatures));
        }

        Utf8JsonFactory()
        {
            super((JsonFactoryBuilder) new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAXIMUM_NESTING_DEPTH).build()));
        }

        @Override
        protected ContentReference _createContentReference(Object contentAccessor, int offset, int length)
        {
            return ContentReference.unknown();
        }

        @Override
        protected ContentReference _createContentReference(Object contentAccessor)
        {
            return ContentReference.unknown();
        }

        @Override
        protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context)
        {
            int start = offset;
            if (length >= 3 && data[offset] == (byte) 0xEF && data[offset + 1] == (byte) 0xBB && data[offset + 2] == (byte) 0xBF) {
                start += 3;
            }
            return new UTF8StreamJsonParser(context, _parserFeatures, null, _objectCodec, _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                    data, start, offset + length, start - offset, false);
        }
    }

    /**
     * A UTF-8 parser that is pointed at one message after another. Jackson has no API for new input, and a parser
     * per message costs about a quarter of Jackson's time on a 90-byte message (the parser, its contexts, symbol
     * table and text buffer). Its parse state is protected fields made for subclasses: {@link #reset} puts back
     * every one a new parser would have. After a parse error, drop the parser: its state is not worth trusting.
     */
    static final class ReusableParser
            extends UTF8StreamJsonParser
    {
        private static final byte[] NO_INPUT = new byte[0];

        private final JsonReadContext rootContext;
        private int plainStringLength;

        private ReusableParser(IOContext context, int features, ByteQuadsCanonicalizer symbols)
        {
            super(context, features, null, null, symbols, NO_INPUT, 0, 0, 0, false);
            rootContext = _parsingContext;
        }

        /**
         * Whether only JSON whitespace is left after the current token. Checked instead of reading to the end:
         * at the end of input Jackson closes the parser, handing its buffers back only to take them again for the
         * next message.
         */
        boolean onlyWhitespaceLeft()
        {
            for (int position = _inputPtr; position < _inputEnd; position++) {
                byte value = _inputBuffer[position];
                if (value != ' ' && value != '\n' && value != '\r' && value != '\t') {
                    return false;
                }
            }
            return true;
        }

        /**
         * For the VALUE_STRING token just returned, not read yet: when its text is printable ASCII written without
         * escapes (most values), consumes the token and returns where its bytes start in {@link #input()}, with
         * {@link #plainStringLength()} of them; otherwise returns -1 and leaves the token to Jackson. The value's
         * own bytes then serve as its text: Jackson does not copy them into chars, which would be made bytes again.
         * The token's text must not be asked of the parser after this.
         */
        int takePlainAsciiString()
        {
            if (!_tokenIncomplete) {
                return -1;
            }
            byte[] input = _inputBuffer;
            int start = _inputPtr;
            for (int position = start; position < _inputEnd; position++) {
                int value = input[position];
                if (value == '"') {
                    plainStringLength = position - start;
                    _inputPtr = position + 1;
                    _tokenIncomplete = false;
                    return start;
                }
                // A backslash, a control character (JSON needs it escaped) or a byte of a wider character (negative)
                if (value < 0x20 || value == '\\') {
                    return -1;
                }
            }
            return -1;
        }

        int plainStringLength()
        {
            return plainStringLength;
        }

        /** The message the parser reads. */
        byte[] input()
        {
            return _inputBuffer;
        }

        /** Points the parser at {@code buffer[offset, offset + length)}; byte offsets in errors count from offset. */
        void reset(byte[] buffer, int offset, int length)
        {
            boolean bom = length >= 3 && buffer[offset] == (byte) 0xEF && buffer[offset + 1] == (byte) 0xBB && buffer[offset + 2] == (byte) 0xBF;
            _inputBuffer = buffer;
            _inputPtr = bom ? offset + 3 : offset;
            _inputEnd = offset + length;
            _currInputProcessed = -offset;
            _currInputRow = 1;
            _currInputRowStart = offset;
            _tokenInputTotal = 0;
            _tokenInputRow = 1;
            _tokenInputCol = 0;
            _closed = false;
            _currToken = null;
            _nextToken = null;
            _lastClearedToken = null;
            _tokenCount = 0;
            _tokenIncomplete = false;
            _nameCopied = false;
            _binaryValue = null;
            _numTypesValid = NR_UNKNOWN;
            _numberString = null;
            _numberBigInt = null;
            _numberBigDecimal = null;
            _textBuffer.resetWithEmpty();
            // The root context keeps its child contexts: they are reused, as Jackson does within one document.
            rootContext.reset(JsonStreamContext.TYPE_ROOT, 1, 0);
            _parsingContext = rootContext;
        }
    }
}
