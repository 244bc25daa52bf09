package io.sluice.sql.ast;

/** Which variables a SET assignment changes: session or global system variables, or user variables (`@x`). */
public enum VariableScope
{
    SESSION,
    GLOBAL,
    USER
}
