package io.sluice.server.http;

import io.sluice.server.mysql.MysqlSession;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

class MeteredSessionFactoryTest
{
    /** A method the wrapper does not forward would silently take the interface's default (KILL QUERY, wait_timeout...). */
    @Test
    void theWrapperForwardsEveryMethod()
            throws Exception
    {
        Class<?> wrapper = Class.forName(MeteredSessionFactory.class.getName() + "$MeteredSession");
        for (Method method : MysqlSession.class.getMethods()) {
            assertThat(wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes()))
                    .as(method.getName())
                    .isNotNull();
        }
    }
}
