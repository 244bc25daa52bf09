<#--
  Inserted into Parser.jj's TOKEN_MGR_DECLS (config.fmpp: includeAdditionalDeclarations). JavaCC calls
  CommonTokenAction for every token because the pom sets COMMON_TOKEN_ACTION.
-->
    /**
     * Calcite reads a backslash-escaped string token by only turning \' (or \") into a quote; MySQL also decodes
     * \n, \t, \\, '' and the rest. Rewriting the token here makes every string literal and backquoted name,
     * in Calcite's productions and ours, read the MySQL way.
     */
    void CommonTokenAction(Token token) {
        ParserSupport.decodeQuotedToken(token);
    }
