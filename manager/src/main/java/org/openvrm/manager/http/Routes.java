package org.openvrm.manager.http;

import io.javalin.Javalin;

/** One resource's endpoints. Every route is listed in the OpenAPI document (a test holds them together). */
interface Routes {
    void register(Javalin app, Body body);
}
