package dev.baton.manager.config;

import dev.baton.manager.tasks.entity.TaskBatch;
import dev.baton.manager.tasks.entity.TaskJson;
import dev.baton.manager.tasks.entity.TaskPage;
import dev.baton.manager.tasks.entity.TaskView;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Tasks, batches of created tasks and pages of a listing go out through {@link TaskJson}: the same bytes as JSON-B,
 * written without its per-property machinery - these are the API's largest and most frequent answers (ADR 0059).
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class TaskJsonWriter implements MessageBodyWriter<Object> {

  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == TaskView.class || type == TaskBatch.class || type == TaskPage.class;
  }

  @Override
  public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
      MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
    String json;
    if (entity instanceof TaskView t) {
      json = TaskJson.of(t);
    } else if (entity instanceof TaskBatch b) {
      json = TaskJson.of(b);
    } else {
      json = TaskJson.of((TaskPage) entity);
    }
    out.write(json.getBytes(StandardCharsets.UTF_8));
  }
}
