package io.sluice.sql.ast;

/** StarRocks table models, from the `... KEY (c, ...)` clause of CREATE TABLE. */
public enum KeysType
{
    DUPLICATE,
    AGGREGATE,
    UNIQUE,
    PRIMARY
}
