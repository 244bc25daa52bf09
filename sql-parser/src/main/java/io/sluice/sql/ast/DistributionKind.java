package io.sluice.sql.ast;

/** The `DISTRIBUTED BY` clause of CREATE TABLE; NONE when it is absent. */
public enum DistributionKind
{
    HASH,
    RANDOM,
    NONE
}
